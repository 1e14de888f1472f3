import type { Db } from '../db/schema.js';
import { userRoom } from '../realtime/rooms.js';
import type { MeetingSocketServer } from '../realtime/socket-server.js';
import { listInvitations, replyReaders } from './invitation-rows.js';

/** Invitations sent or answered by a command: delivered after its commit (invitation-notices.ts). */
export interface InvitationNotice {
  meetingId: string;
  userIds: string[];
}

/**
 * After the commit, each invitation goes to its person and to the meeting's secretaries and
 * chair, each in their own room, on every node; never to the meeting's room, whose sockets
 * belong to every participant (a reason for an absence is the person's own business). The
 * roles are read now, after the commit, so a secretary named a moment ago is told too.
 */
export async function publishInvitationNotices(
  io: MeetingSocketServer,
  db: Db,
  notices: readonly InvitationNotice[],
): Promise<void> {
  for (const { meetingId, userIds } of notices) {
    const concerned = new Set(userIds);
    const all = (await listInvitations(db, meetingId)).filter((i) => concerned.has(i.userId));
    if (all.length === 0) continue;
    const readers = new Set((await replyReaders(db, meetingId)).map((r) => r.userId));
    for (const userId of readers) io.to(userRoom(userId)).emit('invitation:changed', { meetingId, invitations: all });
    for (const invitation of all) {
      if (readers.has(invitation.userId)) continue;
      io.to(userRoom(invitation.userId)).emit('invitation:changed', { meetingId, invitations: [invitation] });
    }
  }
}
