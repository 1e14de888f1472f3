import { hasAttendance, numberAgenda, type MeetingRecord, type RecordAgendaItem } from '../../shared/domain/index.js';
import type { Db } from '../db/schema.js';
import { listMeetingApprovals } from '../certificates/approval-queries.js';
import { findMeeting, listAgenda, listParticipants } from '../meetings/meeting-queries.js';
import { speechesOf } from '../session/session-queries.js';
import { listVotes } from '../votes/vote-queries.js';
import { confirmedTasks } from '../assistant/action-item-tasks.js';

/** What was decided outside any agenda item (a vote or a paper on no item) still goes into the minutes. */
const OTHER_BUSINESS = 'Nội dung khác';

/** Each participant's first check-in, from the change log: the record of when they arrived. */
async function firstCheckIns(db: Db, meetingId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('meeting_changes')
    .select(['data', 'at'])
    .where('meeting_id', '=', meetingId)
    .where('type', '=', 'attendance:checked-in')
    .orderBy('seq')
    .execute();
  const first = new Map<string, string>();
  for (const row of rows) {
    const userId = (JSON.parse(row.data) as { participant?: { userId?: string } }).participant?.userId;
    if (userId && !first.has(userId)) first.set(userId, row.at);
  }
  return first;
}

/**
 * The meeting's record as the minutes' pre-fill reads it, from the database inside one
 * snapshot: who came and when, each item with its speeches, published votes and approvals
 * (the newest decision of each person on each paper), in agenda order.
 */
export async function readMeetingRecord(db: Db, meetingId: string): Promise<MeetingRecord | null> {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) return null;
  const participants = await listParticipants(db, meetingId);
  const names = new Map(participants.map((p) => [p.userId, p.displayName]));
  const arrived = await firstCheckIns(db, meetingId);
  const speeches = await speechesOf(db, meetingId);
  const votes = await listVotes(db, meetingId);
  const documents = await db
    .selectFrom('documents')
    .select(['id', 'title', 'agenda_item_id'])
    .where('meeting_id', '=', meetingId)
    .execute();
  const paperOf = new Map(documents.map((d) => [d.id, d]));
  const newest = new Map<string, Awaited<ReturnType<typeof listMeetingApprovals>>[number]>();
  for (const a of await listMeetingApprovals(db, meetingId)) {
    const key = `${a.documentId}/${a.signer.id}`;
    const before = newest.get(key);
    if (!before || before.receivedAt < a.receivedAt) newest.set(key, a);
  }

  const itemOf = (agendaItemId: string | null, known: Set<string>) =>
    agendaItemId !== null && known.has(agendaItemId) ? agendaItemId : null;
  const agenda = numberAgenda(await listAgenda(db, meetingId));
  const known = new Set(agenda.map((i) => i.id));
  const build = (id: string | null): Omit<RecordAgendaItem, 'number' | 'title' | 'presenter'> => ({
    speeches: speeches
      .filter((s) => itemOf(s.agendaItemId, known) === id && s.startedAt !== null)
      .map((s) => ({
        speakerName: names.get(s.userId) ?? '…',
        seconds: Math.max(
          0,
          Math.round((Date.parse(s.endedAt ?? s.startedAt ?? '') - Date.parse(s.startedAt ?? '')) / 1000),
        ),
        pointOfOrder: s.pointOfOrder,
      })),
    votes: votes.filter((v) => itemOf(v.agendaItemId, known) === id),
    approvals: [...newest.values()]
      .filter((a) => itemOf(paperOf.get(a.documentId)?.agenda_item_id ?? null, known) === id)
      .map((a) => ({
        documentTitle: paperOf.get(a.documentId)?.title ?? '…',
        displayName: a.signer.displayName,
        decision: a.decision,
        at: a.receivedAt,
      })),
  });
  const tasks = await confirmedTasks(db, meetingId, agenda);
  const items: RecordAgendaItem[] = agenda.map((i) => ({
    number: i.number,
    title: i.title,
    presenter: i.presenter,
    ...build(i.id),
    ...(tasks.has(i.number) && { tasks: tasks.get(i.number) }),
  }));
  const other = build(null);
  if (other.speeches.length + other.votes.length + other.approvals.length > 0)
    items.push({ number: String(agenda.filter((i) => i.depth === 0).length + 1), title: OTHER_BUSINESS, ...other });

  return {
    title: meeting.title,
    organisation: meeting.organisation,
    location: meeting.place,
    // The date line's place name: the meeting's place until the secretary writes the city.
    placeName: meeting.place,
    startsAt: meeting.startsAt,
    endedAt: meeting.closedAt,
    // Observers (the room's display, guests) have no attendance: the minutes list who was summoned.
    participants: participants
      .filter((p) => hasAttendance(p.role))
      .map((p) => ({
        displayName: p.displayName,
        role: p.role,
        firstCheckInAt: arrived.get(p.userId) ?? null,
      })),
    agenda: items,
  };
}
