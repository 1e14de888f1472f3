import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterMeetings } from '../../shared/domain/index.js';
import type { Ack, CommandReceipt, MeetingSummary } from '../../shared/protocol/index.js';
import { listAgenda, listParticipants } from '../../server/meetings/meeting-queries.js';
import { ask, startHarness, syncAll, type Harness } from '../support/server-harness.js';
import { mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { must, yesNoVote, type Member } from '../support/vote-fixtures.js';

/**
 * A past meeting archived, and copied as the start of the next one, against a real server on
 * the test's engine: the copy holds exactly the agenda, the participants and the settings,
 * and nothing of what happened (votes, documents, attendance, invitations).
 */
let h: Harness;
let secretary: Member;
let chair: Member;
let delegate: Member;
let token: string;

beforeAll(async () => {
  h = await startHarness();
  const join = async (username: string): Promise<Member> => {
    const { socket, login } = await h.connect(username);
    return { username, userId: login.user.id, socket };
  };
  secretary = await join('thuky');
  chair = await join('chutoa');
  delegate = await join('daibieu1');
  token = (await h.login('thuky')).token;
});
afterAll(async () => {
  for (const m of [secretary, chair, delegate]) m?.socket.disconnect();
  await h?.cleanup();
});

const code = (answer: Ack<unknown>) => (answer.ok ? 'ok' : answer.error.code);
const send = (who: Member, name: string, payload: Record<string, unknown>) =>
  ask<CommandReceipt>(who.socket, name, { commandId: uuidv7(), ...payload });

async function meetingsOf(who: Member): Promise<MeetingSummary[]> {
  return (await syncAll(who.socket)).meetings;
}

/** A meeting that took place: an agenda of two items and a sub-item, a vote, a paper, a check-in; closed. */
async function pastMeeting(): Promise<{ meetingId: string; agenda: string[] }> {
  const meetingId = uuidv7();
  await must(secretary.socket, 'meeting:create', {
    meetingId,
    title: 'Kỳ họp thứ 12 Hội đồng nhân dân phường Bến Nghé',
    startsAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    place: 'Hội trường Ủy ban',
    organisation: 'HĐND phường Bến Nghé',
    voteManagers: ['chair', 'secretary'],
  });
  await must(secretary.socket, 'participant:set', { meetingId, userId: chair.userId, role: 'chair' });
  await must(secretary.socket, 'participant:set', { meetingId, userId: delegate.userId, role: 'delegate' });
  const first = uuidv7();
  const sub = uuidv7();
  const add = (itemId: string, parentId: string | null, title: string) =>
    must(secretary.socket, 'agenda:add-item', {
      meetingId,
      itemId,
      parentId,
      title,
      presenter: 'Thư ký',
      plannedMinutes: 15,
    });
  await add(first, null, 'Báo cáo tình hình kinh tế – xã hội');
  await add(uuidv7(), null, 'Dự toán ngân sách năm 2027');
  await add(sub, first, 'Ý kiến của đại biểu');
  await must(secretary.socket, 'meeting:publish', { meetingId });
  await mustUpload(h.server.url, token, meetingId, await makePdf({ pages: ['Tờ trình'] }), { title: 'Tờ trình số 1' });
  await must(secretary.socket, 'attendance:check-in', { meetingId, userId: delegate.userId });
  const vote = yesNoVote();
  await must(chair.socket, 'vote:create', { meetingId, ...vote });
  await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
  await must(chair.socket, 'vote:close', { meetingId, voteId: vote.voteId });
  await must(chair.socket, 'vote:publish', { meetingId, voteId: vote.voteId });
  await must(chair.socket, 'meeting:close', { meetingId });
  return {
    meetingId,
    agenda: ['Báo cáo tình hình kinh tế – xã hội', 'Dự toán ngân sách năm 2027', 'Ý kiến của đại biểu'],
  };
}

describe('archiving', () => {
  it('takes a closed meeting out of the default list, still found with the archive filter; refuses an upcoming one', async () => {
    const { meetingId } = await pastMeeting();
    const upcoming = uuidv7();
    await must(secretary.socket, 'meeting:create', {
      meetingId: upcoming,
      title: 'Kỳ họp thứ 13',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      place: 'Hội trường',
      organisation: 'HĐND',
    });
    expect(code(await send(secretary, 'meeting:archive', { meetingId: upcoming, archived: true }))).toBe('CONFLICT');
    expect(code(await send(delegate, 'meeting:archive', { meetingId, archived: true }))).toBe('FORBIDDEN');
    expect(code(await send(chair, 'meeting:archive', { meetingId, archived: true }))).toBe('FORBIDDEN');
    expect(code(await send(secretary, 'meeting:archive', { meetingId, archived: 'yes' }))).toBe('VALIDATION_FAILED');
    expect((await meetingsOf(delegate)).find((m) => m.id === meetingId)?.archivedAt).toBeNull();

    expect(code(await send(secretary, 'meeting:archive', { meetingId, archived: true }))).toBe('ok');
    const now = new Date();
    const listed = await meetingsOf(delegate);
    expect(filterMeetings(listed, '', 'all', now).map((m) => m.id)).not.toContain(meetingId);
    expect(filterMeetings(listed, '', 'archived', now).map((m) => m.id)).toContain(meetingId);
    expect(filterMeetings(listed, 'ky hop thu 12 ben nghe', 'archived', now).map((m) => m.id)).toEqual([meetingId]);
    // Brought back, it is in the default list again.
    expect(code(await send(secretary, 'meeting:archive', { meetingId, archived: false }))).toBe('ok');
    expect(filterMeetings(await meetingsOf(delegate), '', 'all', now).map((m) => m.id)).toContain(meetingId);
  });
});

describe('copying a past meeting', () => {
  it('makes a draft with exactly its agenda, participants and settings, and nothing of what happened', async () => {
    const { meetingId, agenda } = await pastMeeting();
    const copyId = uuidv7();
    const startsAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const payload = { meetingId: copyId, sourceMeetingId: meetingId, title: 'Kỳ họp thứ 13', startsAt };
    // Wrong roles and bad input: refused, and no meeting made.
    expect(code(await send(delegate, 'meeting:copy', payload))).toBe('FORBIDDEN');
    expect(code(await send(chair, 'meeting:copy', payload))).toBe('FORBIDDEN');
    expect(code(await send(secretary, 'meeting:copy', { ...payload, title: '' }))).toBe('VALIDATION_FAILED');
    expect(code(await send(secretary, 'meeting:copy', { ...payload, sourceMeetingId: uuidv7() }))).toBe('NOT_FOUND');
    expect(code(await send(secretary, 'meeting:copy', { ...payload, meetingId }))).toBe('CONFLICT');
    const db = h.server.store.db;
    expect(await db.selectFrom('meetings').select('id').where('id', '=', copyId).execute()).toEqual([]);

    expect(code(await send(secretary, 'meeting:copy', payload))).toBe('ok');
    const copy = (await meetingsOf(secretary)).find((m) => m.id === copyId);
    expect(copy).toMatchObject({
      title: 'Kỳ họp thứ 13',
      status: 'draft',
      place: 'Hội trường Ủy ban',
      organisation: 'HĐND phường Bến Nghé',
      voteManagers: ['chair', 'secretary'],
      publishedAt: null,
      closedAt: null,
      cancellation: null,
      archivedAt: null,
      myRole: 'secretary',
    });
    expect(Date.parse(copy?.startsAt ?? '')).toBe(Date.parse(startsAt));

    const oldAgenda = await listAgenda(db, meetingId);
    const newAgenda = await listAgenda(db, copyId);
    expect(newAgenda.map((i) => i.title).sort()).toEqual([...agenda].sort());
    expect(newAgenda.some((i) => oldAgenda.some((o) => o.id === i.id))).toBe(false);
    const sub = newAgenda.find((i) => i.title === 'Ý kiến của đại biểu');
    expect(newAgenda.find((i) => i.id === sub?.parentId)?.title).toBe('Báo cáo tình hình kinh tế – xã hội');
    expect(newAgenda.filter((i) => i.parentId === null).map((i) => i.title)).toEqual(agenda.slice(0, 2));

    const people = await listParticipants(db, copyId);
    expect(people.map((p) => [p.userId, p.role, p.present]).sort()).toEqual(
      [
        [secretary.userId, 'secretary', false],
        [chair.userId, 'chair', false],
        [delegate.userId, 'delegate', false],
      ].sort(),
    );
    const count = async (table: 'votes' | 'documents' | 'meeting_invitations' | 'meeting_minutes') =>
      (await db.selectFrom(table).select('meeting_id').where('meeting_id', '=', copyId).execute()).length;
    expect(await count('votes')).toBe(0);
    expect(await count('documents')).toBe(0);
    expect(await count('meeting_invitations')).toBe(0);
    expect(await count('meeting_minutes')).toBe(0);
    // A draft: the delegate does not see it until it is sent out; the chair, who runs it, does.
    expect((await meetingsOf(delegate)).map((m) => m.id)).not.toContain(copyId);
    expect((await meetingsOf(chair)).map((m) => m.id)).toContain(copyId);
    // The copy is a meeting of its own: the secretary sends it out, and its invitation goes (to the delegate).
    await must(secretary.socket, 'meeting:publish', { meetingId: copyId });
    expect(await count('meeting_invitations')).toBe(1);
  });

  it('starts from a cancelled meeting too', async () => {
    const meetingId = uuidv7();
    await must(secretary.socket, 'meeting:create', {
      meetingId,
      title: 'Họp bị hủy',
      startsAt: new Date().toISOString(),
      place: 'Phòng 1',
      organisation: 'Ban',
    });
    await must(secretary.socket, 'meeting:cancel', { meetingId, reason: 'Thay đổi kế hoạch' });
    expect(
      code(
        await send(secretary, 'agenda:add-item', {
          meetingId,
          itemId: uuidv7(),
          parentId: null,
          title: 'Mục',
          presenter: '',
          plannedMinutes: 5,
        }),
      ),
    ).toBe('MEETING_CANCELLED');
    const copyId = uuidv7();
    expect(
      code(
        await send(secretary, 'meeting:copy', {
          meetingId: copyId,
          sourceMeetingId: meetingId,
          title: 'Họp lại',
          startsAt: new Date().toISOString(),
        }),
      ),
    ).toBe('ok');
    expect((await meetingsOf(secretary)).find((m) => m.id === copyId)?.cancellation).toBeNull();
  });
});
