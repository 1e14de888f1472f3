import type { Db } from '../db/schema.js';
import { audienceOf } from '../documents/document-audience.js';
import { findDocument } from '../documents/document-queries.js';
import { findMeeting } from '../meetings/meeting-queries.js';
import { meetingRoom, userRoom } from '../realtime/rooms.js';
import type { MeetingSocketServer } from '../realtime/socket-server.js';
import { findApproval } from './approval-queries.js';

/**
 * After the commit, tells those who may see the document of a recorded approval: the
 * meeting's room for a paper everyone sees, each allowed user's own room for a restricted
 * one (an approval must not reveal a paper to anyone outside its list).
 */
export async function publishApprovalNotices(
  io: MeetingSocketServer,
  db: Db,
  notices: readonly { meetingId: string; approvalId: string }[],
): Promise<void> {
  for (const n of notices) {
    const approval = await findApproval(db, n.approvalId);
    const meeting = await findMeeting(db, n.meetingId);
    const doc = approval ? await findDocument(db, approval.documentId) : null;
    if (!approval || !meeting || !doc) continue;
    const audience = await audienceOf(db, meeting, doc.visibleTo);
    const event = { meetingId: n.meetingId, approval };
    if (audience.everyone) io.to(meetingRoom(n.meetingId)).emit('approval:recorded', event);
    else for (const userId of audience.users) io.to(userRoom(userId)).emit('approval:recorded', event);
  }
}
