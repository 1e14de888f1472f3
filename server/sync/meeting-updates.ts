import { SNAPSHOT_AFTER_CHANGES, type MeetingUpdate } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import { findMeeting, meetingSnapshot } from '../meetings/meeting-queries.js';
import { changesSince } from './change-log.js';
import { compactBallotCounts } from './compact-changes.js';

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
  if (sinceSeq === undefined || sinceSeq > meeting.seq || meeting.seq - sinceSeq > SNAPSHOT_AFTER_CHANGES) {
    const snapshot = await meetingSnapshot(db, meetingId, userId);
    return snapshot ? { kind: 'snapshot', meetingId, snapshot } : null;
  }
  const changes = await changesSince(db, meetingId, sinceSeq, SNAPSHOT_AFTER_CHANGES);
  return { kind: 'changes', meetingId, sinceSeq, changes: compactBallotCounts(changes) };
}
