import { canInMeeting } from '../../shared/domain/index.js';
import type { ErrorCode, LocalizedText } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import { findMeeting, roleInMeeting } from '../meetings/meeting-queries.js';
import type { UserRecord } from '../users/user-queries.js';

/** An upload refused: answered with its code (and message), nothing of it kept. */
export class UploadRefused extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly localized?: LocalizedText,
  ) {
    super(code);
  }
}

/** Whether this user may add papers to this meeting now; asked before the body is read and again under the lock. */
export async function mayUpload(db: Db, meetingId: string, user: UserRecord): Promise<UploadRefused | null> {
  const meeting = await findMeeting(db, meetingId);
  const role = meeting ? await roleInMeeting(db, meetingId, user.id) : null;
  const ctx = meeting && { role, status: meeting.status };
  if (!meeting || !ctx || !canInMeeting(user, 'meeting:view', ctx)) return new UploadRefused('NOT_FOUND');
  if (!canInMeeting(user, 'documents:manage', ctx)) return new UploadRefused('FORBIDDEN');
  if (meeting.status === 'closed') return new UploadRefused('MEETING_CLOSED');
  // A meeting called off takes no new papers (its existing ones stay readable).
  if (meeting.cancellation !== null) return new UploadRefused('MEETING_CANCELLED');
  if (meeting.archivedAt !== null) return new UploadRefused('MEETING_ARCHIVED');
  return null;
}
