import { makeBallotKey } from '../../shared/client/ballot-keys.js';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Vote } from '../../shared/protocol/index.js';
import { ask, collectChanges, health, startHarness, waitFor, type Harness } from '../support/server-harness.js';
import { meetingVersion } from '../support/stored-meeting.js';
import { currentVote, joinMeeting, must, waitForVote, yesNoVote, type Member } from '../support/vote-fixtures.js';

let h: Harness;
let chair: Awaited<ReturnType<typeof joinMeeting>>;
let secretary: Member;
let delegates: Member[];
let meetingId: string;

beforeEach(async () => {
  h = await startHarness();
  chair = await joinMeeting(h, 'chutoa');
  secretary = await joinMeeting(h, 'thuky');
  delegates = await Promise.all(['daibieu1', 'daibieu2', 'daibieu3'].map((u) => joinMeeting(h, u)));
  meetingId = chair.meeting.id;
});
afterEach(async () => {
  await h.cleanup();
});

const cast = (m: Member, voteId: string, choices: string[], ballotKey: string = makeBallotKey()) =>
  ask(m.socket, 'vote:cast', { commandId: uuidv7(), meetingId, voteId, ballotKey, choices });

async function checkInAll() {
  for (const d of [chair, ...delegates]) await must(d.socket, 'attendance:check-in', { meetingId, userId: d.userId });
}

async function openVote(over: Partial<Vote> = {}) {
  const vote = yesNoVote(over);
  await must(chair.socket, 'vote:create', { meetingId, ...vote });
  await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
  return vote.voteId;
}

describe('attendance', () => {
  it('lets a participant check in themselves and the secretary check in others, live for the chair', async () => {
    const seen = collectChanges(chair.socket);
    const [d1, d2] = delegates as [Member, Member];
    await must(d1.socket, 'attendance:check-in', { meetingId, userId: d1.userId });
    await must(secretary.socket, 'attendance:check-in', { meetingId, userId: d2.userId });
    await waitFor(() => seen.length === 2);
    expect(seen.map((c) => c.type)).toEqual(['attendance:checked-in', 'attendance:checked-in']);
    expect(
      await ask(d1.socket, 'attendance:check-in', { commandId: uuidv7(), meetingId, userId: d2.userId }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await must(d1.socket, 'attendance:check-out', { meetingId, userId: d1.userId });
    const present = await h.server.store.db
      .selectFrom('participants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('meeting_id', '=', meetingId)
      .where('present', '=', 1)
      .executeTakeFirstOrThrow();
    expect(present.n).toBe(1);
  });
});

describe('a named vote from question to published result', () => {
  it('counts each ballot once, shows the chair who voted, and publishes the outcome to everyone', async () => {
    await checkInAll();
    const voteId = await openVote({ quorum: 'majority' });
    const chairSees = collectChanges(chair.socket);
    const delegateSees = collectChanges(delegates[2]!.socket);

    const choices = ['yes', 'yes', 'no'];
    const answers = await Promise.all(delegates.map((d, i) => cast(d, voteId, [choices[i]!])));
    for (const a of answers) expect(a.ok).toBe(true);
    expect((await cast(chair, voteId, ['abstain'])).ok).toBe(true);

    const counted = () =>
      chairSees.flatMap((c) => (c.type === 'vote:ballot-counted' && c.data.voteId === voteId ? [c.data] : []));
    await waitFor(() => counted().at(-1)?.ballotCount === 4);
    // Counts only grow; ballots cast together may come as one count naming all their voters.
    const counts = counted().map((d) => d.ballotCount);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(new Set(counted().flatMap((d) => [...(d.voterIds ?? []), d.voterId]))).toEqual(
      new Set([chair.userId, ...delegates.map((d) => d.userId)]),
    );

    await must(chair.socket, 'vote:close', { meetingId, voteId });
    expect((await currentVote(h, voteId)).status).toBe('closed');
    await must(chair.socket, 'vote:publish', { meetingId, voteId });
    await waitFor(() => delegateSees.some((c) => c.type === 'vote:published'));
    const published = delegateSees.find((c) => c.type === 'vote:published');
    if (published?.type !== 'vote:published') throw new Error('no result');
    const closedChange = delegateSees.find((c) => c.type === 'vote:closed');
    expect(closedChange?.type === 'vote:closed' && closedChange.data.vote.result).toBeNull();
    expect(published.data.vote.result).toMatchObject({
      tally: { yes: 2, no: 1, abstain: 1 },
      ballots: 4,
      present: 4,
      members: 4,
      outcome: { outcome: 'accepted', quorumMet: true },
    });
    expect(published.data.vote.result?.named?.map((n) => n.choices[0]).sort()).toEqual(['abstain', 'no', 'yes', 'yes']);
  });

  it('lets a voter change a ballot from the same device when the vote allows it, and counts it once', async () => {
    await checkInAll();
    const voteId = await openVote({ allowChange: true, kind: 'secret' });
    const d1 = delegates[0]!;
    const key = makeBallotKey();
    expect((await cast(d1, voteId, ['no'], key)).ok).toBe(true);
    expect((await cast(d1, voteId, ['yes'], key)).ok).toBe(true);
    expect(await cast(d1, voteId, ['abstain'], makeBallotKey())).toMatchObject({
      ok: false,
      error: { code: 'OTHER_DEVICE_BALLOT' },
    });
    await must(chair.socket, 'vote:close', { meetingId, voteId });
    await must(chair.socket, 'vote:publish', { meetingId, voteId });
    const result = JSON.parse((await currentVote(h, voteId)).result ?? '{}') as {
      tally: Record<string, number>;
      ballots: number;
    };
    expect(result).toMatchObject({ ballots: 1, tally: { yes: 1, no: 0, abstain: 0 } });
  });

  it('elects candidates with several seats per ballot', async () => {
    await checkInAll();
    const options = {
      type: 'candidates',
      seats: 2,
      candidates: [
        { id: 'an', name: 'Nguyễn Văn An' },
        { id: 'binh', name: 'Trần Thị Bình' },
        { id: 'cuong', name: 'Lê Cường' },
      ],
    };
    const voteId = await openVote({ kind: 'secret', options: options as Vote['options'] });
    await cast(delegates[0]!, voteId, ['an', 'binh']);
    await cast(delegates[1]!, voteId, ['an']);
    await cast(delegates[2]!, voteId, ['binh', 'an']);
    expect(await cast(chair, voteId, ['an', 'binh', 'cuong'])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CHOICE' },
    });
    await cast(chair, voteId, ['cuong']);
    await must(chair.socket, 'vote:close', { meetingId, voteId });
    await must(chair.socket, 'vote:publish', { meetingId, voteId });
    const result = JSON.parse((await currentVote(h, voteId)).result ?? '{}') as {
      outcome: { elected: string[] };
      tally: Record<string, number>;
    };
    expect(result.tally).toEqual({ an: 3, binh: 2, cuong: 1, abstain: 0 });
    expect(result.outcome.elected).toEqual(['an', 'binh']);
  });
});

describe('ballots and vote commands that must be refused', () => {
  it('refuses each with a clear code and changes nothing', async () => {
    await checkInAll();
    const voteId = await openVote();
    const [d1, d2] = delegates as [Member, Member];
    expect((await cast(d1, voteId, ['yes'])).ok).toBe(true);
    const fingerprint = async () =>
      JSON.stringify([
        await currentVote(h, voteId),
        await h.server.store.db.selectFrom('vote_ballots').selectAll().orderBy('ballot_id').execute(),
        await h.server.store.db.selectFrom('vote_voters').selectAll().orderBy('user_id').execute(),
      ]);
    const before = await fingerprint();

    // Voting for another: the protocol has no field for it, so the attempt is malformed.
    expect(
      await ask(d1.socket, 'vote:cast', {
        commandId: uuidv7(),
        meetingId,
        voteId,
        ballotKey: makeBallotKey(),
        choices: ['no'],
        userId: d2.userId,
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await cast(d1, voteId, ['no'])).toMatchObject({ ok: false, error: { code: 'ALREADY_VOTED' } });
    expect(await cast(d2, voteId, ['maybe'])).toMatchObject({ ok: false, error: { code: 'INVALID_CHOICE' } });
    expect(await cast(d2, voteId, ['yes', 'no'])).toMatchObject({ ok: false, error: { code: 'INVALID_CHOICE' } });
    expect(await cast(d2, uuidv7(), ['yes'])).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const observer = await joinMeeting(h, 'phonghop');
    expect(await cast(observer, voteId, ['yes'])).toMatchObject({ ok: false, error: { code: 'NO_VOTING_RIGHT' } });
    expect(await cast(secretary, voteId, ['yes'])).toMatchObject({ ok: false, error: { code: 'NO_VOTING_RIGHT' } });
    await must(d2.socket, 'attendance:check-out', { meetingId, userId: d2.userId });
    const absent = await cast(d2, voteId, ['yes']);
    expect(absent).toMatchObject({
      ok: false,
      error: { code: 'NOT_PRESENT', message: { vi: expect.stringContaining('điểm danh') } },
    });
    expect(await fingerprint()).toBe(before);

    // Only the chair runs votes.
    for (const m of [d1, secretary]) {
      expect(await ask(m.socket, 'vote:close', { commandId: uuidv7(), meetingId, voteId })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await ask(m.socket, 'vote:create', { commandId: uuidv7(), meetingId, ...yesNoVote() })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    const draft = yesNoVote();
    await must(chair.socket, 'vote:create', { meetingId, ...draft });
    expect(await ask(d1.socket, 'vote:open', { commandId: uuidv7(), meetingId, voteId: draft.voteId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await ask(chair.socket, 'vote:publish', { commandId: uuidv7(), meetingId, voteId: draft.voteId }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await cast(d1, draft.voteId, ['yes'])).toMatchObject({ ok: false, error: { code: 'VOTE_NOT_OPEN' } });

    // After the close, a ballot is refused plainly.
    await must(chair.socket, 'vote:close', { meetingId, voteId });
    await must(d2.socket, 'attendance:check-in', { meetingId, userId: d2.userId });
    const late = await cast(d2, voteId, ['yes']);
    expect(late).toMatchObject({
      ok: false,
      error: { code: 'VOTE_NOT_OPEN', message: { en: expect.stringContaining('not recorded') } },
    });
    expect((await currentVote(h, voteId)).ballot_count).toBe(1);
    expect(await ask(chair.socket, 'vote:open', { commandId: uuidv7(), meetingId, voteId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await health(h.server.url)).toBe(200);
  });

  it('refuses malformed vote definitions', async () => {
    const bad = [
      { options: { type: 'candidates', seats: 3, candidates: [{ id: 'a', name: 'A' }] } },
      {
        options: {
          type: 'candidates',
          seats: 1,
          candidates: [
            { id: 'a', name: 'A' },
            { id: 'a', name: 'B' },
          ],
        },
      },
      { options: { type: 'candidates', seats: 1, candidates: [{ id: 'yes', name: 'Có' }] } },
      { rule: 'unanimous' },
      { durationSeconds: 1 },
      { question: '' },
    ];
    for (const over of bad) {
      expect(
        await ask(chair.socket, 'vote:create', { commandId: uuidv7(), meetingId, ...yesNoVote(), ...over }),
        JSON.stringify(over),
      ).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }
    expect(
      (
        await h.server.store.db
          .selectFrom('votes')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(0);
  });

  it('closes a vote whose deadline passed, refusing ballots even before the timer runs, and after a restart', async () => {
    await checkInAll();
    const voteId = await openVote({ durationSeconds: 60 });
    await h.server.store.db
      .updateTable('votes')
      .set({ closes_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', voteId)
      .execute();
    expect(await cast(delegates[0]!, voteId, ['yes'])).toMatchObject({ ok: false, error: { code: 'VOTE_NOT_OPEN' } });
    await h.restart();
    await waitForVote(h, voteId, (v) => v.status === 'closed', 5000, 'closed at restart');
  });
});

describe('who runs votes', () => {
  it('is the chair alone, unless the meeting allows the secretary too', async () => {
    const vote = yesNoVote();
    expect(await ask(secretary.socket, 'vote:create', { commandId: uuidv7(), meetingId, ...vote })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const version = () => meetingVersion(h, meetingId);
    await must(secretary.socket, 'meeting:update', {
      meetingId,
      baseVersion: await version(),
      voteManagers: ['chair', 'secretary'],
    });
    await must(secretary.socket, 'vote:create', { meetingId, ...vote });
    await must(secretary.socket, 'vote:open', { meetingId, voteId: vote.voteId });
    expect(
      await ask(delegates[0]!.socket, 'vote:close', { commandId: uuidv7(), meetingId, voteId: vote.voteId }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await ask(secretary.socket, 'meeting:update', {
        commandId: uuidv7(),
        meetingId,
        baseVersion: await version(),
        voteManagers: ['secretary'],
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // Who runs an open vote is part of its rules: fixed until it ends.
    expect(
      await ask(secretary.socket, 'meeting:update', {
        commandId: uuidv7(),
        meetingId,
        baseVersion: await version(),
        voteManagers: ['chair'],
      }),
    ).toMatchObject({ ok: false, error: { code: 'VOTE_IN_PROGRESS' } });
    await must(secretary.socket, 'vote:close', { meetingId, voteId: vote.voteId });
    await must(secretary.socket, 'meeting:update', {
      meetingId,
      baseVersion: await version(),
      voteManagers: ['chair'],
    });
    const next = yesNoVote();
    expect(await ask(secretary.socket, 'vote:create', { commandId: uuidv7(), meetingId, ...next })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
