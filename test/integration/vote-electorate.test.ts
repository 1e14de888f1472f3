import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBallotKey } from '../../shared/client/ballot-keys.js';
import { MAX_BALLOT_CHANGES } from '../../server/votes/ballot-box.js';
import type { MeetingSnapshot, Vote, VoteResult } from '../../shared/protocol/index.js';
import { ask, collectChanges, startHarness, syncAll, waitFor, type Harness } from '../support/server-harness.js';
import { meetingVersion } from '../support/stored-meeting.js';
import { currentVote, joinMeeting, must, yesNoVote, type Member } from '../support/vote-fixtures.js';

let h: Harness;
let chair: Member;
let secretary: Member;
let admin: Member;
let delegates: Member[];
let observer: Member;
let meetingId: string;

beforeEach(async () => {
  h = await startHarness();
  chair = await joinMeeting(h, 'chutoa');
  secretary = await joinMeeting(h, 'thuky');
  admin = await joinMeeting(h, 'admin');
  observer = await joinMeeting(h, 'phonghop');
  delegates = await Promise.all(['daibieu1', 'daibieu2', 'daibieu3'].map((u) => joinMeeting(h, u)));
  meetingId = (await syncAll(chair.socket)).meetings[0]?.id ?? '';
});
afterEach(async () => {
  await h.cleanup();
});

const cast = (m: Member, voteId: string, choice: string) =>
  ask(m.socket, 'vote:cast', { commandId: uuidv7(), meetingId, voteId, ballotKey: makeBallotKey(), choices: [choice] });
const refused = (code: string) => ({
  ok: false,
  error: { code, message: { vi: expect.any(String), en: expect.any(String) } },
});
const currentMeetingVersion = () => meetingVersion(h, meetingId);
const roleOf = async (userId: string) =>
  (
    await h.server.store.db
      .selectFrom('participants')
      .select('role')
      .where('meeting_id', '=', meetingId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
  )?.role;

async function openVote(over: Partial<Vote> = {}) {
  const vote = yesNoVote(over);
  await must(chair.socket, 'vote:create', { meetingId, ...vote });
  await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
  return vote.voteId;
}

async function snapshotOf(m: Member): Promise<MeetingSnapshot> {
  const answer = await ask<{ updates: Array<{ snapshot: MeetingSnapshot }> }>(m.socket, 'session:sync', {
    cursors: {},
  });
  if (!answer.ok) throw new Error(answer.error.code);
  const snapshot = answer.data.updates[0]?.snapshot;
  if (!snapshot) throw new Error('no snapshot');
  return snapshot;
}

describe('an open vote fixes its electorate and its rules', () => {
  it('refuses role changes of anyone who may vote in it, and changes of who runs votes', async () => {
    const [d1, d2] = delegates as [Member, Member];
    const voteId = await openVote({ quorum: 'majority' });
    // Not as the secretary preparing the list, nor as an admin: the quorum counts on them.
    for (const actor of [secretary, admin]) {
      expect(
        await ask(actor.socket, 'participant:set', {
          commandId: uuidv7(),
          meetingId,
          userId: d1.userId,
          role: 'observer',
        }),
      ).toMatchObject(refused('VOTE_IN_PROGRESS'));
      expect(
        await ask(actor.socket, 'participant:remove', { commandId: uuidv7(), meetingId, userId: d2.userId }),
      ).toMatchObject(refused('VOTE_IN_PROGRESS'));
      // Adding a voter changes the base as much as removing one.
      expect(
        await ask(actor.socket, 'participant:set', {
          commandId: uuidv7(),
          meetingId,
          userId: observer.userId,
          role: 'delegate',
        }),
      ).toMatchObject(refused('VOTE_IN_PROGRESS'));
    }
    expect(
      await ask(secretary.socket, 'meeting:update', {
        commandId: uuidv7(),
        meetingId,
        baseVersion: await currentMeetingVersion(),
        voteManagers: ['chair', 'secretary'],
      }),
    ).toMatchObject(refused('VOTE_IN_PROGRESS'));
    expect(await roleOf(d1.userId)).toBe('delegate');
    expect(await roleOf(observer.userId)).toBe('observer');

    // Nor may anyone check members in or out for them: only a member arriving or leaving moves the count.
    await must(d2.socket, 'attendance:check-in', { meetingId, userId: d2.userId });
    for (const [event, m] of [
      ['attendance:check-in', d1],
      ['attendance:check-out', d2],
    ] as const) {
      expect(await ask(secretary.socket, event, { commandId: uuidv7(), meetingId, userId: m.userId })).toMatchObject(
        refused('VOTE_IN_PROGRESS'),
      );
    }
    await must(d1.socket, 'attendance:check-in', { meetingId, userId: d1.userId });

    // Roles that do not vote may still change, and everything may once the vote has ended.
    await must(secretary.socket, 'participant:set', { meetingId, userId: observer.userId, role: 'secretary' });
    await must(chair.socket, 'vote:close', { meetingId, voteId });
    await must(secretary.socket, 'participant:set', { meetingId, userId: d1.userId, role: 'observer' });
    expect(await roleOf(d1.userId)).toBe('observer');
  });

  it('keeps a voter who then leaves the room counted as present, so check-outs cannot sink the quorum', async () => {
    const [d1, d2, d3] = delegates as [Member, Member, Member];
    for (const m of [d1, d2, d3]) await must(m.socket, 'attendance:check-in', { meetingId, userId: m.userId });
    // Four members; a majority must be present: three.
    const voteId = await openVote({ quorum: 'majority' });
    for (const m of [d1, d2, d3]) expect((await cast(m, voteId, 'yes')).ok).toBe(true);
    // The three voters leave the room; the chair arrives late, checks in and votes.
    for (const m of [d1, d2, d3]) await must(m.socket, 'attendance:check-out', { meetingId, userId: m.userId });
    await must(chair.socket, 'attendance:check-in', { meetingId, userId: chair.userId });
    expect((await cast(chair, voteId, 'no')).ok).toBe(true);
    await must(chair.socket, 'vote:close', { meetingId, voteId });
    const result = JSON.parse((await currentVote(h, voteId)).result ?? 'null') as VoteResult;
    expect(result).toMatchObject({ present: 4, members: 4, ballots: 4, tally: { yes: 3, no: 1 } });
    expect(result.outcome).toMatchObject({ quorumMet: true, outcome: 'accepted' });
  });
});

describe('who runs an open vote', () => {
  it('cannot grow by a new secretary where secretaries run votes', async () => {
    await must(secretary.socket, 'meeting:update', {
      meetingId,
      baseVersion: await currentMeetingVersion(),
      voteManagers: ['chair', 'secretary'],
    });
    await openVote();
    expect(
      await ask(secretary.socket, 'participant:set', {
        commandId: uuidv7(),
        meetingId,
        userId: observer.userId,
        role: 'secretary',
      }),
    ).toMatchObject(refused('VOTE_IN_PROGRESS'));
    expect(await roleOf(observer.userId)).toBe('observer');
  });
});

describe('a changed ballot', () => {
  it('may change a bounded number of times, and the ballot then stands', async () => {
    const [d1] = delegates as [Member];
    await must(d1.socket, 'attendance:check-in', { meetingId, userId: d1.userId });
    const voteId = await openVote({ kind: 'secret', allowChange: true });
    const key = makeBallotKey();
    const send = (choice: string) =>
      ask(d1.socket, 'vote:cast', { commandId: uuidv7(), meetingId, voteId, ballotKey: key, choices: [choice] });
    expect((await send('yes')).ok).toBe(true);
    const answers: string[] = [];
    for (let i = 0; i < MAX_BALLOT_CHANGES + 3; i++) {
      const a = await send(i % 2 === 0 ? 'no' : 'yes');
      answers.push(a.ok ? 'ok' : a.error.code);
    }
    expect(answers.filter((a) => a === 'ok')).toHaveLength(MAX_BALLOT_CHANGES);
    expect(answers.slice(MAX_BALLOT_CHANGES)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    await must(chair.socket, 'vote:close', { meetingId, voteId });
    // The last accepted change stands (the 20th: an odd index, 'yes').
    expect(JSON.parse((await currentVote(h, voteId)).result ?? 'null')).toMatchObject({
      ballots: 1,
      tally: { yes: 1 },
    });
  });
});

describe('roles', () => {
  it('are never changed by their holder, and the chair of a published meeting only by an admin', async () => {
    const [d1] = delegates as [Member];
    // A second secretary exists, so "the last secretary" rule does not hide the others.
    await must(secretary.socket, 'participant:set', { meetingId, userId: observer.userId, role: 'secretary' });
    expect(
      await ask(secretary.socket, 'participant:set', {
        commandId: uuidv7(),
        meetingId,
        userId: secretary.userId,
        role: 'chair',
      }),
    ).toMatchObject(refused('OWN_ROLE'));
    expect(
      await ask(admin.socket, 'participant:set', {
        commandId: uuidv7(),
        meetingId,
        userId: admin.userId,
        role: 'chair',
      }),
    ).toMatchObject(refused('OWN_ROLE'));
    // The secretary may not crown another either, nor unseat the chair.
    expect(
      await ask(secretary.socket, 'participant:set', {
        commandId: uuidv7(),
        meetingId,
        userId: d1.userId,
        role: 'chair',
      }),
    ).toMatchObject(refused('CHAIR_ADMIN_ONLY'));
    expect(
      await ask(secretary.socket, 'participant:set', {
        commandId: uuidv7(),
        meetingId,
        userId: chair.userId,
        role: 'delegate',
      }),
    ).toMatchObject(refused('CHAIR_ADMIN_ONLY'));
    expect(
      await ask(secretary.socket, 'participant:remove', { commandId: uuidv7(), meetingId, userId: chair.userId }),
    ).toMatchObject(refused('CHAIR_ADMIN_ONLY'));
    expect(await roleOf(chair.userId)).toBe('chair');
    expect(await roleOf(secretary.userId)).toBe('secretary');
    // An admin may.
    await must(admin.socket, 'participant:set', { meetingId, userId: d1.userId, role: 'chair' });
    expect(await roleOf(d1.userId)).toBe('chair');
  });
});

describe('a closed vote', () => {
  it('shows its result to those who run votes, privately, before it is published', async () => {
    const [d1] = delegates as [Member];
    await must(d1.socket, 'attendance:check-in', { meetingId, userId: d1.userId });
    const voteId = await openVote({ kind: 'secret' });
    expect((await cast(d1, voteId, 'yes')).ok).toBe(true);
    const seenByDelegate = collectChanges(d1.socket);
    expect(await ask(chair.socket, 'vote:result', { meetingId, voteId })).toMatchObject(refused('CONFLICT'));
    await must(chair.socket, 'vote:close', { meetingId, voteId });
    const preview = await ask<{ result: VoteResult }>(chair.socket, 'vote:result', { meetingId, voteId });
    expect(preview).toMatchObject({ ok: true, data: { voteId, result: { tally: { yes: 1 }, ballots: 1 } } });
    for (const other of [d1, secretary, observer]) {
      expect(await ask(other.socket, 'vote:result', { meetingId, voteId })).toMatchObject(refused('FORBIDDEN'));
    }
    // Nothing of it reached the room: the closed vote carries no result until published.
    await waitFor(() => seenByDelegate.some((c) => c.type === 'vote:closed'));
    const closed = seenByDelegate.find((c) => c.type === 'vote:closed');
    expect(closed && closed.type === 'vote:closed' && closed.data.vote.result).toBeNull();
    expect((await snapshotOf(d1)).votes.find((v) => v.id === voteId)?.result).toBeNull();
    // Who looked, and when, is on the record.
    expect(
      await h.server.store.db
        .selectFrom('audit_log')
        .select('actor_id')
        .where('action', '=', 'vote:result-viewed')
        .execute(),
    ).toEqual([{ actor_id: chair.userId }]);
    // The room sees it before the next vote opens: published, or cancelled (which shows it too).
    const next = yesNoVote();
    await must(chair.socket, 'vote:create', { meetingId, ...next });
    expect(await ask(chair.socket, 'vote:open', { commandId: uuidv7(), meetingId, voteId: next.voteId })).toMatchObject(
      refused('CONFLICT'),
    );
    await must(chair.socket, 'vote:publish', { meetingId, voteId });
    expect((await snapshotOf(d1)).votes.find((v) => v.id === voteId)?.result).toMatchObject({ tally: { yes: 1 } });
    await must(chair.socket, 'vote:open', { meetingId, voteId: next.voteId });
  });

  it('is cancelled only with a reason, which everyone sees and the logs keep', async () => {
    const [d1] = delegates as [Member];
    await must(d1.socket, 'attendance:check-in', { meetingId, userId: d1.userId });
    const voteId = await openVote();
    expect((await cast(d1, voteId, 'no')).ok).toBe(true);
    await must(chair.socket, 'vote:close', { meetingId, voteId });
    expect(await ask(chair.socket, 'vote:cancel', { commandId: uuidv7(), meetingId, voteId })).toMatchObject(
      refused('REASON_REQUIRED'),
    );
    expect(
      await ask(chair.socket, 'vote:cancel', { commandId: uuidv7(), meetingId, voteId, reason: '   ' }),
    ).toMatchObject({ ok: false });
    expect((await currentVote(h, voteId)).status).toBe('closed');
    const reason = 'Sai sót trong danh sách đại biểu';
    await must(chair.socket, 'vote:cancel', { meetingId, voteId, reason });

    // The result counted at the close is not buried: everyone sees it, marked cancelled.
    const seen = (await snapshotOf(d1)).votes.find((v) => v.id === voteId);
    expect(seen).toMatchObject({ status: 'cancelled', cancelReason: reason, result: { ballots: 1, tally: { no: 1 } } });
    expect(seen?.cancelledAt).toEqual(expect.any(String));
    const change = await h.server.store.db
      .selectFrom('meeting_changes')
      .select(['actor_id', 'data'])
      .where('type', '=', 'vote:cancelled')
      .executeTakeFirstOrThrow();
    expect(change.actor_id).toBe(chair.userId);
    expect(JSON.parse(change.data)).toMatchObject({ vote: { id: voteId, cancelReason: reason } });
    const audit = await h.server.store.db
      .selectFrom('audit_log')
      .select(['actor_id', 'detail'])
      .where('action', '=', 'vote:cancel')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(chair.userId);
    expect(JSON.parse(audit.detail)).toMatchObject({ voteId, from: 'closed', reason });
    // The close's audit row, in the hash chain, holds what was counted.
    const closed = await h.server.store.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'vote:close')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(closed.detail)).toMatchObject({ voteId, result: { ballots: 1, tally: { no: 1 } } });
    // A draft needs no reason.
    const draft = yesNoVote();
    await must(chair.socket, 'vote:create', { meetingId, ...draft });
    await must(chair.socket, 'vote:cancel', { meetingId, voteId: draft.voteId });
  });
});

describe('a draft vote', () => {
  it('can be edited until it opens, and not after', async () => {
    const vote = yesNoVote({ question: 'Câu hỏi ban đầu' });
    await must(chair.socket, 'vote:create', { meetingId, ...vote });
    const edited = {
      ...vote,
      question: 'Thông qua dự toán điều chỉnh?',
      kind: 'secret' as const,
      rule: 'absolute' as const,
    };
    await must(chair.socket, 'vote:update', { meetingId, baseVersion: 0, ...edited });
    const [draft] = (await snapshotOf(delegates[0] as Member)).votes;
    expect(draft).toMatchObject({
      question: 'Thông qua dự toán điều chỉnh?',
      kind: 'secret',
      rule: 'absolute',
      voterIds: null,
      version: 1,
    });
    // A second manager's edit made on the first version does not undo the chair's silently.
    expect(
      await ask(chair.socket, 'vote:update', { commandId: uuidv7(), meetingId, baseVersion: 0, ...vote }),
    ).toMatchObject(refused('STALE_EDIT'));
    expect(
      await ask(delegates[0]!.socket, 'vote:update', { commandId: uuidv7(), meetingId, baseVersion: 1, ...edited }),
    ).toMatchObject(refused('FORBIDDEN'));
    await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
    expect(
      await ask(chair.socket, 'vote:update', {
        commandId: uuidv7(),
        meetingId,
        baseVersion: 1,
        ...edited,
        question: 'Đổi khi đang mở',
      }),
    ).toMatchObject(refused('CONFLICT'));
  });

  it('starts from the meeting defaults: more than half of all members unless the meeting says otherwise', async () => {
    const [summary] = (await syncAll(chair.socket)).meetings;
    expect(summary?.voteDefaults).toEqual({ rule: 'absolute', base: 'members', quorum: 'none' });
    await must(secretary.socket, 'meeting:update', {
      meetingId,
      baseVersion: await currentMeetingVersion(),
      voteDefaults: { rule: 'two-thirds', base: 'members', quorum: 'two-thirds' },
    });
    expect((await syncAll(chair.socket)).meetings[0]?.voteDefaults).toMatchObject({ rule: 'two-thirds' });
  });
});
