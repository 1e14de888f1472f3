import { CHANGES_READ_FOR_CATCH_UP, SNAPSHOT_AFTER_CHANGES, type MeetingUpdate } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import { findMeeting, meetingSnapshot } from '../meetings/meeting-queries.js';
import { changesSince } from './change-log.js';
import { compactChanges } from './compact-changes.js';

/**
 * What a client holding `sinceSeq` needs. A cursor ahead of the server (a restored
 * backup) or absent gets a snapshot, which the client takes as authoritative.
 */
export async function updateFor(
  db: Db,
  meetingId: string,
  sinceSeq: number | undefined,
  userId: string,
): Promise<MeetingUpdate | null> {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) return null;
  if (
    sinceSeq !== undefined &&
    sinceSeq <= meeting.seq &&
    meeting.seq - sinceSeq <= CHANGES_READ_FOR_CATCH_UP &&
    (meeting.seq - sinceSeq <= SNAPSHOT_AFTER_CHANGES ||
      (await changesBesideCounts(db, meetingId, sinceSeq)) <= SNAPSHOT_AFTER_CHANGES)
  ) {
    const changes = compactChanges(await changesSince(db, meetingId, sinceSeq, CHANGES_READ_FOR_CATCH_UP));
    if (changes.length <= SNAPSHOT_AFTER_CHANGES) return { kind: 'changes', meetingId, sinceSeq, changes };
  }
  const snapshot = await meetingSnapshot(db, meetingId, userId);
  return snapshot ? { kind: 'snapshot', meetingId, snapshot } : null;
}

/** How many changes after `sinceSeq` are not ballot counts: an index range count, before reading rows. */
async function changesBesideCounts(db: Db, meetingId: string, sinceSeq: number): Promise<number> {
  const row = await db
    .selectFrom('meeting_changes')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('meeting_id', '=', meetingId)
    .where('seq', '>', sinceSeq)
    .where('type', '!=', 'vote:ballot-counted')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
