import { SNAPSHOT_AFTER_CHANGES, type MeetingUpdate } from '../../shared/protocol/index.js';
import type { Database } from '../db/database.js';
import { findMeeting, meetingSnapshot } from '../meetings/meeting-queries.js';
import { changesSince } from './change-log.js';

/**
 * What a client holding `sinceSeq` needs. A cursor ahead of the server (a restored
 * backup) or absent gets a snapshot, which the client takes as authoritative.
 */
export function updateFor(
  db: Database,
  meetingId: string,
  sinceSeq: number | undefined,
  userId: string,
): MeetingUpdate | null {
  const meeting = findMeeting(db, meetingId);
  if (!meeting) return null;
  if (sinceSeq === undefined || sinceSeq > meeting.seq || meeting.seq - sinceSeq > SNAPSHOT_AFTER_CHANGES) {
    const snapshot = meetingSnapshot(db, meetingId, userId);
    return snapshot ? { kind: 'snapshot', meetingId, snapshot } : null;
  }
  return { kind: 'changes', meetingId, changes: changesSince(db, meetingId, sinceSeq, SNAPSHOT_AFTER_CHANGES) };
}
