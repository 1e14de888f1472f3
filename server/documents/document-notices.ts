import type { DocumentGoneReason } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import { findMeeting, listParticipants } from '../meetings/meeting-queries.js';
import { meetingRoom, userRoom } from '../realtime/rooms.js';
import type { MeetingSocketServer } from '../realtime/socket-server.js';
import { audienceOf, NOBODY, type Audience } from './document-audience.js';
import { findDocument, publicDocument } from './document-queries.js';

/** A document changed: who could see it before, and why those who lose it lose it. */
export interface DocumentNotice {
  meetingId: string;
  documentId: string;
  before: Audience;
  reason: DocumentGoneReason;
}

/**
 * After the commit, tells each user what changed of the documents they may see. A document
 * every participant sees goes to the meeting's room in one message; a restricted one goes to
 * the own room of each allowed user only, so nobody outside its list learns it exists. Those
 * who could see it and no longer can are told to delete it, with the reason.
 */
export async function publishDocumentNotices(
  io: MeetingSocketServer,
  db: Db,
  notices: readonly DocumentNotice[],
): Promise<void> {
  for (const n of notices) {
    const meeting = await findMeeting(db, n.meetingId);
    const doc = meeting ? await findDocument(db, n.documentId) : null;
    const after = meeting && doc ? await audienceOf(db, meeting, doc.visibleTo) : NOBODY;
    const upserted = doc ? [publicDocument(doc)] : [];
    const removed = [{ id: n.documentId, reason: n.reason }];
    if (after.everyone) {
      io.to(meetingRoom(n.meetingId)).emit('document:changed', { meetingId: n.meetingId, upserted, removed: [] });
      continue;
    }
    if (n.before.everyone && after.users.length === 0) {
      io.to(meetingRoom(n.meetingId)).emit('document:changed', { meetingId: n.meetingId, upserted: [], removed });
      continue;
    }
    const beforeUsers = n.before.everyone
      ? (await listParticipants(db, n.meetingId)).map((p) => p.userId)
      : n.before.users;
    const now = new Set(after.users);
    for (const userId of after.users)
      io.to(userRoom(userId)).emit('document:changed', { meetingId: n.meetingId, upserted, removed: [] });
    for (const userId of beforeUsers)
      if (!now.has(userId))
        io.to(userRoom(userId)).emit('document:changed', { meetingId: n.meetingId, upserted: [], removed });
  }
}
