import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Ack,
  Change,
  CommandReceipt,
  Invitation,
  InvitationChanged,
  MeetingRole,
} from '../../shared/protocol/index.js';
import {
  ask,
  collect,
  collectChanges,
  startHarness,
  syncAll,
  waitFor,
  type Harness,
} from '../support/server-harness.js';
import { uploadPdf } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { must, yesNoVote, type Member } from '../support/vote-fixtures.js';

/**
 * Invitations (giấy mời) against a real server, on SQLite here and PostgreSQL in the
 * `postgres` project: sent to every delegate when the meeting is sent out and to one added
 * later, never to those who convene it (chair, secretaries) nor to observers (the room's
 * display); each person answers their own; the reasons reach the secretaries and the chair
 * only, which is checked on the wire of every socket.
 */
let h: Harness;
const people: Record<string, Member> = {};
const CAST: Array<[string, MeetingRole]> = [
  ['chutoa', 'chair'],
  ['daibieu1', 'delegate'],
  ['daibieu2', 'delegate'],
  ['phonghop', 'observer'],
];

beforeAll(async () => {
  h = await startHarness();
  for (const username of ['admin', 'thuky', 'chutoa', 'daibieu1', 'daibieu2', 'daibieu3', 'phonghop']) {
    const { socket, login } = await h.connect(username);
    people[username] = { username, userId: login.user.id, socket };
  }
});
afterAll(async () => {
  for (const p of Object.values(people)) p.socket.disconnect();
  await h?.cleanup();
});

const p = (username: string): Member => {
  const found = people[username];
  if (!found) throw new Error(`no ${username}`);
  return found;
};
const code = (answer: Ack<unknown>) => (answer.ok ? 'ok' : answer.error.code);
const send = (who: string, name: string, payload: Record<string, unknown>) =>
  ask<CommandReceipt>(p(who).socket, name, { commandId: uuidv7(), ...payload });
/** Events that would have arrived by now have: the server sends them before the command's receipt. */
const settle = () => new Promise((r) => setTimeout(r, 150));

/** A draft prepared by the secretary with the cast above. */
async function preparedMeeting(): Promise<string> {
  const meetingId = uuidv7();
  await must(p('thuky').socket, 'meeting:create', {
    meetingId,
    title: 'Kỳ họp thứ 9 Hội đồng nhân dân',
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    place: 'Hội trường B',
    organisation: 'HĐND phường',
  });
  for (const [username, role] of CAST)
    await must(p('thuky').socket, 'participant:set', { meetingId, userId: p(username).userId, role });
  return meetingId;
}

/** The same, sent out, every socket in its room. */
async function sentOutMeeting(): Promise<string> {
  const meetingId = await preparedMeeting();
  await must(p('thuky').socket, 'meeting:publish', { meetingId });
  for (const member of Object.values(people)) await syncAll(member.socket);
  return meetingId;
}

async function listOf(who: string, meetingId: string): Promise<Invitation[]> {
  const answer = await ask<{ invitations: Invitation[] }>(p(who).socket, 'invitation:list', { meetingId });
  if (!answer.ok) throw new Error(`invitation:list refused: ${answer.error.code}`);
  return answer.data.invitations;
}

function heardBy(usernames: readonly string[]): Record<string, InvitationChanged[]> {
  return Object.fromEntries(usernames.map((u) => [u, collect<InvitationChanged>(p(u).socket, 'invitation:changed')]));
}
const usersIn = (events: InvitationChanged[] | undefined, meetingId: string) =>
  (events ?? [])
    .filter((e) => e.meetingId === meetingId)
    .flatMap((e) => e.invitations.map((i) => i.userId))
    .sort();

describe('invitations', () => {
  it('go to every delegate when the meeting is sent out, each told of their own, the secretaries and chair of all', async () => {
    const everyone = ['thuky', 'chutoa', 'daibieu1', 'daibieu2', 'daibieu3', 'phonghop', 'admin'];
    const heard = heardBy(everyone);
    const meetingId = await preparedMeeting();
    // None before the meeting is sent out.
    expect(
      await h.server.store.db
        .selectFrom('meeting_invitations')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .execute(),
    ).toEqual([]);
    await must(p('thuky').socket, 'meeting:publish', { meetingId });
    await settle();
    // The delegates only: not the secretary who sends them, the chair they go out under, or the room's display.
    const invited = ['daibieu1', 'daibieu2'].map((u) => p(u).userId).sort();
    expect(usersIn(heard.thuky, meetingId)).toEqual(invited);
    expect(usersIn(heard.chutoa, meetingId)).toEqual(invited);
    expect(usersIn(heard.daibieu1, meetingId)).toEqual([p('daibieu1').userId]);
    expect(usersIn(heard.phonghop, meetingId)).toEqual([]);
    const rows = await h.server.store.db
      .selectFrom('meeting_invitations')
      .select('user_id')
      .where('meeting_id', '=', meetingId)
      .execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual(invited);
    expect(await listOf('phonghop', meetingId)).toEqual([]);
    // Rows an older server wrote for everyone (the display, the secretary) are neither listed nor counted.
    await h.server.store.db
      .insertInto('meeting_invitations')
      .values(
        ['thuky', 'phonghop'].map((u) => ({
          meeting_id: meetingId,
          user_id: p(u).userId,
          sent_at: new Date().toISOString(),
          reply: 'pending' as const,
          reason: '',
          replied_at: null,
          rev: 1,
        })),
      )
      .execute();
    expect((await listOf('thuky', meetingId)).map((i) => i.userId).sort()).toEqual(invited);
    expect(await listOf('phonghop', meetingId)).toEqual([]);
    for (const who of ['thuky', 'chutoa', 'phonghop'])
      expect(code(await send(who, 'invitation:reply', { meetingId, reply: 'attend', reason: '' }))).toBe('FORBIDDEN');
    expect(usersIn(heard.daibieu3, meetingId)).toEqual([]);
    expect(usersIn(heard.admin, meetingId)).toEqual([]);
    const all = await listOf('thuky', meetingId);
    expect(all.map((i) => [i.userId, i.reply, i.reason, i.repliedAt]).sort()).toEqual(
      invited.map((id) => [id, 'pending', '', null]).sort(),
    );
    expect((await listOf('daibieu2', meetingId)).map((i) => i.userId)).toEqual([p('daibieu2').userId]);
    expect((await listOf('admin', meetingId)).length).toBe(invited.length);

    // A participant added afterwards is invited then; their invitation reaches them and the desk.
    await must(p('thuky').socket, 'participant:set', { meetingId, userId: p('daibieu3').userId, role: 'delegate' });
    await settle();
    expect(usersIn(heard.daibieu3, meetingId)).toEqual([p('daibieu3').userId]);
    expect(usersIn(heard.thuky, meetingId)).toContain(p('daibieu3').userId);
    expect(usersIn(heard.daibieu1, meetingId)).toEqual([p('daibieu1').userId]);
    // Set again as a delegate, nobody is invited twice; made an observer, the invitation goes;
    // a delegate again, it comes back; removal takes it along.
    await must(p('thuky').socket, 'participant:set', { meetingId, userId: p('daibieu3').userId, role: 'delegate' });
    expect((await listOf('thuky', meetingId)).filter((i) => i.userId === p('daibieu3').userId)).toHaveLength(1);
    await must(p('thuky').socket, 'participant:set', { meetingId, userId: p('daibieu3').userId, role: 'observer' });
    expect((await listOf('thuky', meetingId)).map((i) => i.userId)).not.toContain(p('daibieu3').userId);
    await must(p('thuky').socket, 'participant:set', { meetingId, userId: p('daibieu3').userId, role: 'delegate' });
    expect((await listOf('thuky', meetingId)).filter((i) => i.userId === p('daibieu3').userId)).toHaveLength(1);
    await must(p('thuky').socket, 'participant:remove', { meetingId, userId: p('daibieu3').userId });
    expect((await listOf('thuky', meetingId)).map((i) => i.userId)).not.toContain(p('daibieu3').userId);
  });

  it("are answered by each person for themselves; a reason reaches the secretaries and chair, never the others' sockets", async () => {
    const meetingId = await sentOutMeeting();
    const heard = heardBy(['thuky', 'chutoa', 'daibieu1', 'daibieu2', 'phonghop', 'admin']);
    const changes = collectChanges(p('daibieu2').socket);
    // What the sending out broadcast may still be on its way (changes go out in batches after
    // the receipt): only what comes after it is this test's.
    const sentOutSeq = Number(
      (
        await h.server.store.db
          .selectFrom('meeting_changes')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('meeting_id', '=', meetingId)
          .executeTakeFirstOrThrow()
      ).seq,
    );
    // An absence without its reason, another person's reply, an unknown answer: refused, nothing changed.
    expect(code(await send('daibieu1', 'invitation:reply', { meetingId, reply: 'absent', reason: '  ' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      code(
        await send('daibieu1', 'invitation:reply', {
          meetingId,
          reply: 'attend',
          reason: '',
          userId: p('daibieu2').userId,
        }),
      ),
    ).toBe('VALIDATION_FAILED');
    expect(code(await send('daibieu1', 'invitation:reply', { meetingId, reply: 'maybe', reason: '' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(code(await send('admin', 'invitation:reply', { meetingId, reply: 'attend', reason: '' }))).toBe('FORBIDDEN');
    expect(code(await send('daibieu3', 'invitation:reply', { meetingId, reply: 'attend', reason: '' }))).toBe(
      'NOT_FOUND',
    );
    expect((await listOf('thuky', meetingId)).every((i) => i.reply === 'pending')).toBe(true);

    const reason = 'Đi công tác tại Hà Nội theo Quyết định số 12/QĐ-UBND';
    expect(code(await send('daibieu1', 'invitation:reply', { meetingId, reply: 'absent', reason }))).toBe('ok');
    await settle();
    const mine = (events: InvitationChanged[] | undefined) =>
      (events ?? []).flatMap((e) => e.invitations).filter((i) => i.userId === p('daibieu1').userId);
    for (const reader of ['thuky', 'chutoa', 'daibieu1'])
      expect(
        mine(heard[reader])
          .filter((i) => i.rev > 1)
          .map((i) => [i.reply, i.reason, i.rev]),
      ).toEqual([['absent', reason, 2]]);
    for (const other of ['daibieu2', 'phonghop', 'admin']) expect(mine(heard[other])).toEqual([]);
    // Nothing of it in the meeting's changes, which every participant receives.
    expect(changes.filter((c: Change) => c.meetingId === meetingId && c.seq > sentOutSeq)).toEqual([]);
    expect(JSON.stringify(changes)).not.toContain('công tác');
    // Asked for, the other delegate still sees only their own.
    expect((await listOf('daibieu2', meetingId)).map((i) => i.userId)).toEqual([p('daibieu2').userId]);
    const forDesk = (await listOf('thuky', meetingId)).find((i) => i.userId === p('daibieu1').userId);
    expect(forDesk).toMatchObject({ reply: 'absent', reason, repliedAt: expect.any(String) });
    // The audit log keeps the answer, never the reason.
    const audit = await h.server.store.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'invitation:reply')
      .where('meeting_id', '=', meetingId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toContain('absent');
    expect(audit[0]?.detail).not.toContain('công tác');

    // Changed to attending, the reason goes; the same answer again changes nothing.
    expect(code(await send('daibieu1', 'invitation:reply', { meetingId, reply: 'attend', reason: 'bỏ qua' }))).toBe(
      'ok',
    );
    expect(code(await send('daibieu1', 'invitation:reply', { meetingId, reply: 'attend', reason: '' }))).toBe('ok');
    const after = (await listOf('daibieu1', meetingId))[0];
    expect(after).toMatchObject({ reply: 'attend', reason: '', rev: 3 });

    // Once the session has started the replies stand.
    await must(p('chutoa').socket, 'session:start', { meetingId });
    expect(code(await send('daibieu2', 'invitation:reply', { meetingId, reply: 'absent', reason: 'Ốm' }))).toBe(
      'CONFLICT',
    );
  });
});

describe('a meeting called off or put off', () => {
  it('tells every participant why, and then refuses votes, ballots, check-ins and replies', async () => {
    const meetingId = await sentOutMeeting();
    const watchers = ['thuky', 'chutoa', 'daibieu1', 'daibieu2', 'phonghop'];
    const seen = Object.fromEntries(watchers.map((u) => [u, collectChanges(p(u).socket)]));
    const vote = yesNoVote();
    await must(p('chutoa').socket, 'vote:create', { meetingId, ...vote });
    const version = (
      await h.server.store.db
        .selectFrom('meetings')
        .select('version')
        .where('id', '=', meetingId)
        .executeTakeFirstOrThrow()
    ).version;

    // Wrong roles and bad input: refused, nothing changed.
    expect(code(await send('daibieu1', 'meeting:cancel', { meetingId, reason: 'Không muốn họp' }))).toBe('FORBIDDEN');
    expect(code(await send('phonghop', 'meeting:cancel', { meetingId, reason: 'x' }))).toBe('FORBIDDEN');
    expect(code(await send('thuky', 'meeting:cancel', { meetingId, reason: '' }))).toBe('VALIDATION_FAILED');
    expect(code(await send('thuky', 'meeting:cancel', { meetingId, reason: 'x'.repeat(501) }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(code(await send('thuky', 'meeting:cancel', { meetingId: uuidv7(), reason: 'Không có' }))).toBe('NOT_FOUND');
    const untouched = await h.server.store.db
      .selectFrom('meetings')
      .select(['version', 'cancellation'])
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow();
    expect(untouched).toEqual({ version, cancellation: null });

    const reason = 'Chủ tọa đi công tác đột xuất';
    expect(code(await send('chutoa', 'meeting:cancel', { meetingId, reason }))).toBe('ok');
    for (const u of watchers) {
      await waitFor(
        () => seen[u]?.some((c) => c.type === 'meeting:cancelled') ?? false,
        5000,
        `${u} hears the cancellation`,
      );
      const change = seen[u]?.find((c) => c.type === 'meeting:cancelled');
      expect(change?.type === 'meeting:cancelled' && change.data.meeting.cancellation?.reason).toBe(reason);
    }
    const refused = async (who: string, name: string, payload: Record<string, unknown>) =>
      code(await send(who, name, { meetingId, ...payload }));
    expect(await refused('chutoa', 'vote:open', { voteId: vote.voteId })).toBe('MEETING_CANCELLED');
    expect(
      await refused('daibieu1', 'vote:cast', { voteId: vote.voteId, ballotKey: 'a'.repeat(43), choices: ['yes'] }),
    ).toBe('MEETING_CANCELLED');
    expect(await refused('daibieu1', 'attendance:check-in', { userId: p('daibieu1').userId })).toBe(
      'MEETING_CANCELLED',
    );
    expect(await refused('thuky', 'attendance:check-in', { userId: p('daibieu2').userId })).toBe('MEETING_CANCELLED');
    expect(await refused('chutoa', 'session:start', {})).toBe('MEETING_CANCELLED');
    expect(await refused('daibieu2', 'invitation:reply', { reply: 'attend', reason: '' })).toBe('MEETING_CANCELLED');
    expect(await refused('thuky', 'meeting:cancel', { reason: 'Lần nữa' })).toBe('MEETING_CANCELLED');
    expect(await refused('thuky', 'meeting:postpone', { reason: 'Hoãn', startsAt: null })).toBe('MEETING_CANCELLED');
    const answer = await send('daibieu1', 'attendance:check-in', { meetingId, userId: p('daibieu1').userId });
    expect(answer.ok ? null : answer.error.message.vi).toContain('hủy');
    // Nor does it take new papers over HTTP, and nothing of the refused one is kept.
    const token = (await h.login('thuky')).token;
    const upload = await uploadPdf(h.server.url, token, meetingId, await makePdf({ pages: ['Tờ trình bổ sung'] }));
    expect([upload.status, upload.body.error?.code]).toEqual([409, 'MEETING_CANCELLED']);
    const documents = await h.server.store.db
      .selectFrom('documents')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .execute();
    expect(documents).toEqual([]);
  });

  it('refuses a cancellation while a vote is open', async () => {
    const meetingId = await sentOutMeeting();
    const { voteId, ...definition } = yesNoVote();
    await must(p('chutoa').socket, 'vote:create', { meetingId, voteId, ...definition });
    await must(p('chutoa').socket, 'vote:open', { meetingId, voteId });
    expect(code(await send('thuky', 'meeting:cancel', { meetingId, reason: 'Hủy' }))).toBe('VOTE_IN_PROGRESS');
  });

  it('puts a meeting off to a new date or to one still to be announced, every device told', async () => {
    const meetingId = await sentOutMeeting();
    const seen = collectChanges(p('daibieu2').socket);
    const before = (await syncAll(p('daibieu2').socket)).meetings.find((m) => m.id === meetingId);
    const later = new Date(Date.now() + 7 * 86_400_000).toISOString();
    expect(code(await send('daibieu2', 'meeting:postpone', { meetingId, reason: 'x', startsAt: later }))).toBe(
      'FORBIDDEN',
    );
    expect(
      code(await send('thuky', 'meeting:postpone', { meetingId, reason: 'Chưa đủ tài liệu', startsAt: 'mai' })),
    ).toBe('VALIDATION_FAILED');
    expect(
      code(await send('thuky', 'meeting:postpone', { meetingId, reason: 'Chưa đủ tài liệu', startsAt: later })),
    ).toBe('ok');
    await waitFor(() => seen.some((c) => c.type === 'meeting:postponed'));
    const first = seen.find((c) => c.type === 'meeting:postponed');
    if (first?.type !== 'meeting:postponed') throw new Error('no postponement');
    expect(Date.parse(first.data.meeting.startsAt)).toBe(Date.parse(later));
    expect(first.data.meeting.postponement).toMatchObject({
      reason: 'Chưa đủ tài liệu',
      previousStartsAt: before?.startsAt,
      toBeAnnounced: false,
    });
    expect(
      code(await send('chutoa', 'meeting:postpone', { meetingId, reason: 'Chờ ý kiến cấp trên', startsAt: null })),
    ).toBe('ok');
    await waitFor(() => seen.filter((c) => c.type === 'meeting:postponed').length === 2);
    const second = seen.filter((c) => c.type === 'meeting:postponed')[1];
    if (second?.type !== 'meeting:postponed') throw new Error('no second postponement');
    expect(second.data.meeting.postponement).toMatchObject({ toBeAnnounced: true, previousStartsAt: before?.startsAt });
    expect(Date.parse(second.data.meeting.startsAt)).toBe(Date.parse(later));
    // The date set later announces it.
    const version = (await syncAll(p('thuky').socket)).meetings.find((m) => m.id === meetingId)?.version;
    const announced = new Date(Date.now() + 14 * 86_400_000).toISOString();
    await must(p('thuky').socket, 'meeting:update', { meetingId, baseVersion: version, startsAt: announced });
    await waitFor(() => seen.some((c) => c.type === 'meeting:updated'));
    const updated = seen.find((c) => c.type === 'meeting:updated');
    expect(updated?.type === 'meeting:updated' && updated.data.meeting.postponement?.toBeAnnounced).toBe(false);
    // Replies still change while the meeting waits for its date.
    expect(code(await send('daibieu2', 'invitation:reply', { meetingId, reply: 'attend', reason: '' }))).toBe('ok');
  });
});
