import type {
  AgendaItem,
  Meeting,
  MeetingRole,
  MeetingSnapshot,
  MeetingStatus,
  MeetingSummary,
  Participant,
} from '../../shared/protocol/index.js';
import { canInMeeting, type Actor } from '../../shared/domain/index.js';
import type { Database } from '../db/database.js';
import { listVotes, votesCastBy } from '../votes/vote-queries.js';

interface MeetingRow {
  id: string;
  title: string;
  starts_at: string;
  place: string;
  organisation: string;
  status: MeetingStatus;
  published_at: string | null;
  vote_managers: string;
  vote_defaults: string;
  version: number;
  seq: number;
}

interface AgendaRow {
  id: string;
  meeting_id: string;
  parent_id: string | null;
  position: number;
  title: string;
  presenter: string;
  planned_minutes: number;
  version: number;
}

function toMeeting(r: MeetingRow): Meeting {
  return {
    id: r.id,
    title: r.title,
    startsAt: r.starts_at,
    place: r.place,
    organisation: r.organisation,
    status: r.status,
    publishedAt: r.published_at,
    voteManagers: JSON.parse(r.vote_managers) as Meeting['voteManagers'],
    voteDefaults: JSON.parse(r.vote_defaults) as Meeting['voteDefaults'],
    version: r.version,
  };
}

export function findMeeting(db: Database, id: string): (Meeting & { seq: number }) | null {
  const row = db.prepare('SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRow | undefined;
  return row ? { ...toMeeting(row), seq: row.seq } : null;
}

export function insertMeeting(db: Database, m: Meeting, createdBy: string, at: string): void {
  db.prepare(
    `INSERT INTO meetings (id, title, starts_at, place, organisation, status, published_at, vote_managers,
       vote_defaults, version, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    m.id,
    m.title,
    m.startsAt,
    m.place,
    m.organisation,
    m.status,
    m.publishedAt,
    JSON.stringify(m.voteManagers),
    JSON.stringify(m.voteDefaults),
    m.version,
    createdBy,
    at,
  );
}

export function saveMeetingFields(db: Database, m: Meeting): void {
  db.prepare(
    `UPDATE meetings SET title = ?, starts_at = ?, place = ?, organisation = ?, status = ?, published_at = ?,
       vote_managers = ?, vote_defaults = ?, version = ?
     WHERE id = ?`,
  ).run(
    m.title,
    m.startsAt,
    m.place,
    m.organisation,
    m.status,
    m.publishedAt,
    JSON.stringify(m.voteManagers),
    JSON.stringify(m.voteDefaults),
    m.version,
    m.id,
  );
}

export function roleInMeeting(db: Database, meetingId: string, userId: string): MeetingRole | null {
  const row = db
    .prepare('SELECT role FROM participants WHERE meeting_id = ? AND user_id = ?')
    .get(meetingId, userId) as { role: MeetingRole } | undefined;
  return row?.role ?? null;
}

export function rolesHeld(db: Database, userId: string): MeetingRole[] {
  return (
    db.prepare('SELECT DISTINCT role FROM participants WHERE user_id = ?').all(userId) as Array<{ role: MeetingRole }>
  ).map((r) => r.role);
}

export function listAgenda(db: Database, meetingId: string): AgendaItem[] {
  const rows = db
    .prepare('SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY parent_id NULLS FIRST, position')
    .all(meetingId) as AgendaRow[];
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

export function saveAgendaItems(db: Database, items: readonly AgendaItem[], removedIds: readonly string[]): void {
  // Children first, so that a removed parent is never referenced by a remaining row.
  const remove = db.prepare('DELETE FROM agenda_items WHERE id = ?');
  for (const id of [...removedIds].reverse()) remove.run(id);
  const upsert = db.prepare(
    `INSERT INTO agenda_items (id, meeting_id, parent_id, position, title, presenter, planned_minutes, version)
     VALUES (@id, @meetingId, @parentId, @position, @title, @presenter, @plannedMinutes, @version)
     ON CONFLICT(id) DO UPDATE SET parent_id = excluded.parent_id, position = excluded.position,
       title = excluded.title, presenter = excluded.presenter, planned_minutes = excluded.planned_minutes,
       version = excluded.version`,
  );
  for (const item of items) upsert.run(item);
}

interface ParticipantRow {
  meeting_id: string;
  user_id: string;
  role: MeetingRole;
  present: number;
  display_name: string;
}

const PARTICIPANT_SELECT = `SELECT p.meeting_id, p.user_id, p.role, p.present, u.display_name
  FROM participants p JOIN users u ON u.id = p.user_id`;

function toParticipant(r: ParticipantRow): Participant {
  return {
    meetingId: r.meeting_id,
    userId: r.user_id,
    role: r.role,
    displayName: r.display_name,
    present: r.present === 1,
  };
}

export function listParticipants(db: Database, meetingId: string): Participant[] {
  const rows = db
    .prepare(`${PARTICIPANT_SELECT} WHERE p.meeting_id = ? ORDER BY u.display_name`)
    .all(meetingId) as ParticipantRow[];
  return rows.map(toParticipant);
}

/** One participant, read alone: it is on the path of every ballot and check-in. */
export function findParticipant(db: Database, meetingId: string, userId: string): Participant | null {
  const row = db.prepare(`${PARTICIPANT_SELECT} WHERE p.meeting_id = ? AND p.user_id = ?`).get(meetingId, userId) as
    ParticipantRow | undefined;
  return row ? toParticipant(row) : null;
}

export function saveParticipant(db: Database, meetingId: string, userId: string, role: MeetingRole): void {
  db.prepare(
    `INSERT INTO participants (meeting_id, user_id, role) VALUES (?, ?, ?)
     ON CONFLICT(meeting_id, user_id) DO UPDATE SET role = excluded.role`,
  ).run(meetingId, userId, role);
}

export function setPresence(db: Database, meetingId: string, userId: string, present: boolean): void {
  db.prepare('UPDATE participants SET present = ? WHERE meeting_id = ? AND user_id = ?').run(
    present ? 1 : 0,
    meetingId,
    userId,
  );
}

export function deleteParticipant(db: Database, meetingId: string, userId: string): void {
  db.prepare('DELETE FROM participants WHERE meeting_id = ? AND user_id = ?').run(meetingId, userId);
}

/** The whole meeting for one user (`myBallots` is theirs alone). */
export function meetingSnapshot(db: Database, meetingId: string, userId: string): MeetingSnapshot | null {
  const meeting = findMeeting(db, meetingId);
  if (!meeting) return null;
  const { seq, ...fields } = meeting;
  return {
    meeting: fields,
    agenda: listAgenda(db, meetingId),
    participants: listParticipants(db, meetingId),
    votes: listVotes(db, meetingId),
    myBallots: votesCastBy(db, meetingId, userId),
    seq,
  };
}

/** The meetings a user may see now, with their role in each. */
export function visibleMeetings(db: Database, actor: Actor & { id: string }): MeetingSummary[] {
  const rows = db
    .prepare(
      `SELECT m.*, p.role AS my_role FROM meetings m
       LEFT JOIN participants p ON p.meeting_id = m.id AND p.user_id = ?
       ${actor.isAdmin ? '' : 'WHERE p.role IS NOT NULL'}
       ORDER BY m.starts_at DESC`,
    )
    .all(actor.id) as Array<MeetingRow & { my_role: MeetingRole | null }>;
  return rows
    .filter((r) => canInMeeting(actor, 'meeting:view', { role: r.my_role, status: r.status }))
    .map((r) => ({ ...toMeeting(r), myRole: r.my_role, seq: r.seq }));
}
