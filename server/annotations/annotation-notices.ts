import type { Db } from '../db/schema.js';
import { audienceOf } from '../documents/document-audience.js';
import { findDocument } from '../documents/document-queries.js';
import { findMeeting } from '../meetings/meeting-queries.js';
import { meetingRoom, userRoom } from '../realtime/rooms.js';
import type { MeetingSocketServer } from '../realtime/socket-server.js';
import { asSeenByOthers, findAnnotation, toAnnotation } from './annotation-rows.js';

export interface AnnotationNotice {
  annotationId: string;
  /** Whether others could see it before this write: they are told when it stops being shared. */
  sharedBefore: boolean;
}

/**
 * After the commit: the author's own devices get the annotation as it is (their own room,
 * on every node); nobody else does, unless it is or was shared. Then those who may see the
 * document get what `asSeenByOthers` leaves: the meeting's room for a document every
 * participant sees (the author's room excepted: their devices have the whole record), each
 * allowed user's own room for a restricted one.
 */
export async function publishAnnotationNotices(
  io: MeetingSocketServer,
  db: Db,
  notices: readonly AnnotationNotice[],
): Promise<void> {
  for (const notice of notices) {
    const row = await findAnnotation(db, notice.annotationId);
    if (!row) continue;
    const annotation = toAnnotation(row);
    io.to(userRoom(row.author_id)).emit('annotation:changed', { annotations: [annotation] });
    if (!annotation.shared && !notice.sharedBefore) continue;
    const meeting = await findMeeting(db, row.meeting_id);
    const doc = meeting ? await findDocument(db, row.document_id) : null;
    if (!meeting || !doc) continue;
    const event = { annotations: [asSeenByOthers(row)] };
    const audience = await audienceOf(db, meeting, doc.visibleTo);
    if (audience.everyone) {
      io.to(meetingRoom(meeting.id)).except(userRoom(row.author_id)).emit('annotation:changed', event);
      continue;
    }
    for (const userId of audience.users)
      if (userId !== row.author_id) io.to(userRoom(userId)).emit('annotation:changed', event);
  }
}
