import {
  MeetingSessionSchema,
  NOT_STARTED_SESSION,
  type MeetingSession,
  type SpeakerRequest,
} from '../../shared/protocol/index.js';
import type { Db, SpeakerRequestsTable } from '../db/schema.js';

export async function readSession(db: Db, meetingId: string): Promise<MeetingSession> {
  const row = await db.selectFrom('meetings').select('session').where('id', '=', meetingId).executeTakeFirst();
  return row?.session ? MeetingSessionSchema.parse(JSON.parse(row.session)) : NOT_STARTED_SESSION;
}

export async function saveSession(db: Db, meetingId: string, session: MeetingSession): Promise<void> {
  await db
    .updateTable('meetings')
    .set({ session: JSON.stringify(session) })
    .where('id', '=', meetingId)
    .execute();
}

type SpeakerRow = SpeakerRequestsTable;

export function toSpeakerRequest(row: SpeakerRow): SpeakerRequest {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    userId: row.user_id,
    agendaItemId: row.agenda_item_id,
    pointOfOrder: row.point_of_order === 1,
    state: row.state,
    requestedAt: row.requested_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    limitSeconds: row.limit_seconds,
  };
}

export async function findSpeakerRequest(db: Db, id: string): Promise<SpeakerRow | undefined> {
  return db.selectFrom('speaker_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The live queue: the speaker first, then the waiting in order. */
export async function liveSpeakerRows(db: Db, meetingId: string): Promise<SpeakerRow[]> {
  const rows = await db
    .selectFrom('speaker_requests')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('state', 'in', ['waiting', 'speaking'])
    .orderBy('position')
    .orderBy('requested_at')
    .execute();
  return [...rows.filter((r) => r.state === 'speaking'), ...rows.filter((r) => r.state === 'waiting')];
}

export async function liveSpeakers(db: Db, meetingId: string): Promise<SpeakerRequest[]> {
  return (await liveSpeakerRows(db, meetingId)).map(toSpeakerRequest);
}

/** Every speech given in the meeting, in the order given: what the minutes list per item. */
export async function speechesOf(db: Db, meetingId: string): Promise<SpeakerRequest[]> {
  const rows = await db
    .selectFrom('speaker_requests')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('started_at', 'is not', null)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
  return rows.map(toSpeakerRequest);
}

export async function insertSpeakerRequest(db: Db, row: SpeakerRow): Promise<void> {
  await db.insertInto('speaker_requests').values(row).execute();
}

export async function updateSpeakerRequest(
  db: Db,
  id: string,
  set: Partial<Omit<SpeakerRow, 'id' | 'meeting_id' | 'user_id'>>,
): Promise<void> {
  await db.updateTable('speaker_requests').set(set).where('id', '=', id).execute();
}

/** Writes the waiting requests' positions as their order in `ids`, touching only those that moved. */
export async function renumberWaiting(
  db: Db,
  waiting: readonly Pick<SpeakerRow, 'id' | 'position'>[],
  ids: readonly string[],
): Promise<void> {
  const before = new Map(waiting.map((r) => [r.id, r.position]));
  for (const [position, id] of ids.entries())
    if (before.get(id) !== position) await updateSpeakerRequest(db, id, { position });
}

/** How many requests a person made in the meeting since `sinceIso`: the flood bound. */
export async function requestsSince(db: Db, meetingId: string, userId: string, sinceIso: string): Promise<number> {
  const row = await db
    .selectFrom('speaker_requests')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .where('requested_at', '>=', sinceIso)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
