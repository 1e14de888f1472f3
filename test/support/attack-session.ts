import { uuidv7 } from 'uuidv7';
import { meetingSnapshot } from '../../server/meetings/meeting-queries.js';
import type { Harness } from './server-harness.js';
import { joinMeeting, must, type Member } from './vote-fixtures.js';

/**
 * The room of the attacks on the session, the queue and the minutes
 * (test/integration/attack-session-*.test.ts, attack-minutes-*.test.ts): the demo meeting A
 * with its people, and a second published meeting B whose chair is `daibieu3` (a delegate
 * of A), whose secretary is `daibieu2` and where `daibieu1` is a delegate.
 */
export interface AttackRoom {
  a: string;
  b: string;
  itemA: string;
  itemB: string;
  admin: Member;
  chair: Member;
  secretary: Member;
  observer: Member;
  d1: Member;
  d2: Member;
  d3: Member;
}

export async function attackRoom(h: Harness): Promise<AttackRoom> {
  const chair = await joinMeeting(h, 'chutoa');
  const a = chair.meeting.id;
  const secretary = await joinMeeting(h, 'thuky');
  const observer = await joinMeeting(h, 'phonghop');
  const d1 = await joinMeeting(h, 'daibieu1');
  const d2 = await joinMeeting(h, 'daibieu2');
  const d3 = await joinMeeting(h, 'daibieu3');
  const { socket, login } = await h.connect('admin');
  const admin: Member = { username: 'admin', userId: login.user.id, socket };
  const b = uuidv7();
  await must(admin.socket, 'meeting:create', {
    meetingId: b,
    title: 'Phiên họp B',
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    place: 'Phòng 2',
    organisation: 'Sở',
  });
  await must(admin.socket, 'participant:set', { meetingId: b, userId: d2.userId, role: 'secretary' });
  await must(admin.socket, 'participant:set', { meetingId: b, userId: d3.userId, role: 'chair' });
  await must(admin.socket, 'participant:set', { meetingId: b, userId: d1.userId, role: 'delegate' });
  const itemB = uuidv7();
  await must(admin.socket, 'agenda:add-item', {
    meetingId: b,
    itemId: itemB,
    parentId: null,
    title: 'Mục của B',
    presenter: '',
    plannedMinutes: 10,
  });
  await must(admin.socket, 'meeting:publish', { meetingId: b });
  const agenda = (await meetingSnapshot(h.server.store.db, a, chair.userId))?.agenda ?? [];
  const itemA = agenda.filter((i) => i.parentId === null).sort((x, y) => x.position - y.position)[0]?.id;
  if (!itemA) throw new Error('meeting A has no item');
  return { a, b, itemA, itemB, admin, chair, secretary, observer, d1, d2, d3 };
}

/** A meeting's session, every speaker row and its change log's length, read directly. */
export async function storedState(h: Harness, meetingId: string) {
  const db = h.server.store.db;
  const meeting = await db
    .selectFrom('meetings')
    .select(['session', 'seq'])
    .where('id', '=', meetingId)
    .executeTakeFirstOrThrow();
  const speakers = await db
    .selectFrom('speaker_requests')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();
  return { session: meeting.session, seq: Number(meeting.seq), speakers };
}

export async function requestFloor(who: Member, meetingId: string, pointOfOrder = false): Promise<string> {
  const requestId = uuidv7();
  await must(who.socket, 'speaker:request', { meetingId, requestId, pointOfOrder });
  return requestId;
}

/** Every command of running the session and the queue, with what it needs besides the meeting. */
export function sessionCommands(ids: { itemId: string; requestId: string }): Array<[string, Record<string, unknown>]> {
  return [
    ['session:start', { itemId: ids.itemId }],
    ['session:pause', {}],
    ['session:resume', {}],
    ['agenda:set-current', { itemId: ids.itemId }],
    ['speaker:give-floor', { requestId: ids.requestId, limitSeconds: 60 }],
    ['speaker:end', {}],
    ['speaker:set-time', { limitSeconds: 60 }],
    ['speaker:move', { requestId: ids.requestId, index: 0 }],
    ['speaker:remove', { requestId: ids.requestId }],
  ];
}
