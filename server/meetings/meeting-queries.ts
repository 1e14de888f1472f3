import { PresentationSchema } from '../../shared/protocol/index.js';
import type {
  AgendaItem,
  Presentation,
  Meeting,
  MeetingRole,
  MeetingSnapshot,
  MeetingSummary,
  Participant,
} from '../../shared/protocol/index.js';
import { canInMeeting, type Actor } from '../../shared/domain/index.js';
import type { Selectable } from 'kysely';
import type { Db, MeetingsTable } from '../db/schema.js';
import { listVotes, votesCastBy } from '../votes/vote-queries.js';
import { firstRow, preparedQuery } from '../db/prepared-query.js';
import { liveSpeakers, readSession } from '../session/session-queries.js';

/** The columns a meeting is read with (not who created it, nor when). */
const MEETING_COLUMNS = [
  'id',
  'title',
  'starts_at',
  'place',
  'organisation',
  'status',
  'published_at',
  'vote_managers',
  'vote_defaults',
  'version',
  'seq',
  'closed_at',
  'documents_recalled_at',
  'cancellation',
  'postponement',
  'archived_at',
] as const;

type MeetingRow = Pick<Selectable<MeetingsTable>, (typeof MEETING_COLUMNS)[number]>;

function toMeeting(r: MeetingRow): Meeting {
  return {
    id: r.id,
    title: r.title,
    startsAt: r.starts_at,
    place: r.place,
    organisation: r.organisation,
    // The column keeps draft/published; a close is its own column (see migration 060).
    status: r.closed_at !== null ? 'closed' : r.status,
    publishedAt: r.published_at,
    closedAt: r.closed_at,
    documentsRecalledAt: r.documents_recalled_at,
    voteManagers: JSON.parse(r.vote_managers) as Meeting['voteManagers'],
    voteDefaults: JSON.parse(r.vote_defaults) as Meeting['voteDefaults'],
    version: r.version,
    cancellation: r.cancellation === null ? null : (JSON.parse(r.cancellation) as Meeting['cancellation']),
    postponement: r.postponement === null ? null : (JSON.parse(r.postponement) as Meeting['postponement']),
    archivedAt: r.archived_at,
  };
}

export async function findMeeting(db: Db, id: string): Promise<(Meeting & { seq: number }) | null> {
  const row = await firstRow(meetingById(db, { id }));
  return row ? { ...toMeeting(row), seq: row.seq } : null;
}

/** The columns a meeting's own fields are stored in. */
function meetingColumns(m: Meeting) {
  return {
    title: m.title,
    starts_at: m.startsAt,
    place: m.place,
    organisation: m.organisation,
    status: m.status === 'closed' ? ('published' as const) : m.status,
    published_at: m.publishedAt,
    closed_at: m.closedAt,
    documents_recalled_at: m.documentsRecalledAt,
    vote_managers: JSON.stringify(m.voteManagers),
    vote_defaults: JSON.stringify(m.voteDefaults),
    version: m.version,
    cancellation: m.cancellation === null ? null : JSON.stringify(m.cancellation),
    postponement: m.postponement === null ? null : JSON.stringify(m.postponement),
    archived_at: m.archivedAt,
  };
}

export async function insertMeeting(db: Db, m: Meeting, createdBy: string, at: string): Promise<void> {
  await db
    .insertInto('meetings')
    .values({ id: m.id, ...meetingColumns(m), created_by: createdBy, created_at: at })
    .execute();
}

export async function saveMeetingFields(db: Db, m: Meeting): Promise<void> {
  await db.updateTable('meetings').set(meetingColumns(m)).where('id', '=', m.id).execute();
}

export async function roleInMeeting(db: Db, meetingId: string, userId: string): Promise<MeetingRole | null> {
  const row = await db
    .selectFrom('participants')
    .select('role')
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

/** The actor's seat in a meeting: role and presence, without the user's name (no join). */
export interface Seat {
  role: MeetingRole;
  present: boolean;
}

export async function findSeat(db: Db, meetingId: string, userId: string): Promise<Seat | null> {
  const row = await firstRow(seatOf(db, { meetingId, userId }));
  return row ? { role: row.role, present: row.present === 1 } : null;
}

export async function rolesHeld(db: Db, userId: string): Promise<MeetingRole[]> {
  const rows = await db.selectFrom('participants').select('role').distinct().where('user_id', '=', userId).execute();
  return rows.map((r) => r.role);
}

export async function listAgenda(db: Db, meetingId: string): Promise<AgendaItem[]> {
  const rows = await db
    .selectFrom('agenda_items')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    // PostgreSQL puts NULLs last by default, SQLite first: said outright, top-level items come first on both.
    .orderBy('parent_id', (ob) => ob.asc().nullsFirst())
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meeting_id,
    parentId: r.parent_id,
    position: r.position,
    title: r.title,
    presenter: r.presenter,
    plannedMinutes: r.planned_minutes,
    version: r.version,
  }));
}

/** An item id held by another meeting's item: ids are global, and one meeting never writes another's rows. */
export class AgendaItemIdTaken extends Error {
  constructor(readonly itemId: string) {
    super(`agenda item ${itemId} belongs to another meeting`);
  }
}

/**
 * Stores an agenda edit, one statement per row (a reorder rewrites the positions of several
 * siblings). Run it inside the command's transaction, so that the edit lands whole or not at
 * all. Throws AgendaItemIdTaken, and leaves that row alone, when an id is another meeting's:
 * that meeting's lock does not cover its items being added at the same moment on another node.
 */
export async function saveAgendaItems(
  db: Db,
  items: readonly AgendaItem[],
  removedIds: readonly string[],
): Promise<void> {
  // Children first, so that a removed parent is never referenced by a remaining row.
  for (const id of [...removedIds].reverse()) await db.deleteFrom('agenda_items').where('id', '=', id).execute();
  for (const item of items) {
    const written = await db
      .insertInto('agenda_items')
      .values({
        id: item.id,
        meeting_id: item.meetingId,
        parent_id: item.parentId,
        position: item.position,
        title: item.title,
        presenter: item.presenter,
        planned_minutes: item.plannedMinutes,
        version: item.version,
      })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => ({
            parent_id: eb.ref('excluded.parent_id'),
            position: eb.ref('excluded.position'),
            title: eb.ref('excluded.title'),
            presenter: eb.ref('excluded.presenter'),
            planned_minutes: eb.ref('excluded.planned_minutes'),
            version: eb.ref('excluded.version'),
          }))
          .where('agenda_items.meeting_id', '=', item.meetingId),
      )
      .returning('id')
      .executeTakeFirst();
    if (!written) throw new AgendaItemIdTaken(item.id);
  }
}

interface ParticipantRow {
  meeting_id: string;
  user_id: string;
  role: MeetingRole;
  present: number;
  display_name: string;
}

function selectParticipants(db: Db) {
  return db
    .selectFrom('participants as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.meeting_id', 'p.user_id', 'p.role', 'p.present', 'u.display_name']);
}

function toParticipant(r: ParticipantRow): Participant {
  return {
    meetingId: r.meeting_id,
    userId: r.user_id,
    role: r.role,
    displayName: r.display_name,
    present: r.present === 1,
  };
}

export async function listParticipants(db: Db, meetingId: string): Promise<Participant[]> {
  const rows = await selectParticipants(db).where('p.meeting_id', '=', meetingId).orderBy('u.display_name').execute();
  return rows.map(toParticipant);
}

export async function findParticipant(db: Db, meetingId: string, userId: string): Promise<Participant | null> {
  const row = await selectParticipants(db)
    .where('p.meeting_id', '=', meetingId)
    .where('p.user_id', '=', userId)
    .executeTakeFirst();
  return row ? toParticipant(row) : null;
}

export async function saveParticipant(db: Db, meetingId: string, userId: string, role: MeetingRole): Promise<void> {
  await db
    .insertInto('participants')
    .values({ meeting_id: meetingId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doUpdateSet((eb) => ({ role: eb.ref('excluded.role') })))
    .execute();
}

export async function deleteParticipant(db: Db, meetingId: string, userId: string): Promise<void> {
  await db.deleteFrom('participants').where('meeting_id', '=', meetingId).where('user_id', '=', userId).execute();
}

/** The whole meeting for one user (`myBallots` is theirs alone). */
export async function meetingSnapshot(db: Db, meetingId: string, userId: string): Promise<MeetingSnapshot | null> {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) return null;
  const { seq, ...fields } = meeting;
  // One after the other: a transaction has one connection, and the caller's snapshot holds it.
  return {
    meeting: fields,
    agenda: await listAgenda(db, meetingId),
    participants: await listParticipants(db, meetingId),
    votes: await listVotes(db, meetingId),
    presentation: await currentPresentation(db, meetingId),
    session: await readSession(db, meetingId),
    speakers: await liveSpeakers(db, meetingId),
    myBallots: await votesCastBy(db, meetingId, userId),
    seq,
  };
}

export async function currentPresentation(db: Db, meetingId: string): Promise<Presentation | null> {
  const row = await db.selectFrom('meetings').select('presentation').where('id', '=', meetingId).executeTakeFirst();
  return row?.presentation ? PresentationSchema.parse(JSON.parse(row.presentation)) : null;
}

export async function savePresentation(db: Db, meetingId: string, presentation: Presentation | null): Promise<void> {
  await db
    .updateTable('meetings')
    .set({ presentation: presentation ? JSON.stringify(presentation) : null })
    .where('id', '=', meetingId)
    .execute();
}

/** The meetings a user may see now, with their role in each. */
export async function visibleMeetings(db: Db, actor: Actor & { id: string }): Promise<MeetingSummary[]> {
  let query = db
    .selectFrom('meetings as m')
    .leftJoin('participants as p', (join) => join.onRef('p.meeting_id', '=', 'm.id').on('p.user_id', '=', actor.id))
    .select(MEETING_COLUMNS.map((c) => `m.${c}` as const))
    .select('p.role as my_role');
  if (!actor.isAdmin) query = query.where('p.role', 'is not', null);
  const rows = await query.orderBy('m.starts_at', 'desc').execute();
  return rows
    .map((r) => ({ ...toMeeting(r), myRole: r.my_role, seq: r.seq }))
    .filter((m) => canInMeeting(actor, 'meeting:view', { role: m.myRole, status: m.status }));
}

// Read by every command on a meeting (the access check): compiled once.
const meetingById = preparedQuery((db, v: { id: string }) =>
  db.selectFrom('meetings').select(MEETING_COLUMNS).where('id', '=', v.id),
);

const seatOf = preparedQuery((db, v: { meetingId: string; userId: string }) =>
  db
    .selectFrom('participants')
    .select(['role', 'present'])
    .where('meeting_id', '=', v.meetingId)
    .where('user_id', '=', v.userId),
);
