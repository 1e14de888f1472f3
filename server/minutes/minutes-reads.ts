import { canInMeeting, minutesFromRecord } from '../../shared/domain/index.js';
import { protocolError, type Ack, type MinutesGetAnswer } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import type { Store } from '../db/store.js';
import { findMeeting, roleInMeeting } from '../meetings/meeting-queries.js';
import type { UserRecord } from '../users/user-queries.js';
import { findMinutesDraft } from './minutes-drafts.js';
import { readMeetingRecord } from './meeting-record.js';
import { findLatestSigning } from './minutes-signing.js';

/**
 * Whether the user may read this meeting's minutes. A meeting they may not see, and one
 * whose minutes are not theirs to read, answer alike (NOT_FOUND over HTTP, FORBIDDEN only to
 * a participant over the socket, as every other command and request).
 */
export async function minutesAccess(
  db: Db,
  meetingId: string,
  user: UserRecord,
): Promise<'read' | 'forbidden' | 'not-found'> {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) return 'not-found';
  const access = { role: await roleInMeeting(db, meetingId, user.id), status: meeting.status };
  if (!canInMeeting(user, 'meeting:view', access)) return 'not-found';
  return canInMeeting(user, 'minutes:read', access) ? 'read' : 'forbidden';
}

export async function minutesGet(store: Store, user: UserRecord, meetingId: string): Promise<Ack<MinutesGetAnswer>> {
  return store.snapshot(async (db) => {
    const access = await minutesAccess(db, meetingId, user);
    if (access !== 'read')
      return { ok: false, error: protocolError(access === 'forbidden' ? 'FORBIDDEN' : 'NOT_FOUND') };
    const record = await readMeetingRecord(db, meetingId);
    if (!record) return { ok: false, error: protocolError('NOT_FOUND') };
    return {
      ok: true,
      data: {
        meetingId,
        draft: await findMinutesDraft(db, meetingId),
        prefill: minutesFromRecord(record),
        signing: await findLatestSigning(db, meetingId),
      },
    };
  });
}
