import type { Db } from '../db/schema.js';
import { meetingRoom, userRoom } from '../realtime/rooms.js';
import type { MeetingSocketServer } from '../realtime/socket-server.js';
import { findMessage, mayRead, toMessage } from './message-rows.js';

/**
 * After the commit, each message goes to those who may see it (`mayRead`), each to their own
 * room, on every node: a notice to all to the meeting's room (observers and the room display
 * too); anything else to its sender, the secretaries, the chair when allowed, and a notice's
 * one recipient. Never to the meeting's room, whose sockets belong to every participant. The
 * roles are read now, after the commit, so a secretary named a moment ago is told too.
 */
export async function publishMessageNotices(
  io: MeetingSocketServer,
  db: Db,
  messageIds: readonly string[],
): Promise<void> {
  for (const id of messageIds) {
    const row = await findMessage(db, id);
    if (!row) continue;
    const event = { messages: [toMessage(row)] };
    if (row.kind === 'notice' && row.recipient_id === null) {
      io.to(meetingRoom(row.meeting_id)).emit('message:changed', event);
      continue;
    }
    const seated = await db
      .selectFrom('participants')
      .select(['user_id', 'role'])
      .where('meeting_id', '=', row.meeting_id)
      .where((eb) =>
        eb.or([
          eb('role', 'in', ['secretary', 'chair']),
          eb('user_id', 'in', [row.sender_id, row.recipient_id ?? row.sender_id]),
        ]),
      )
      .execute();
    const readers = new Set([row.sender_id]);
    for (const p of seated) if (mayRead(row, { id: p.user_id, role: p.role })) readers.add(p.user_id);
    for (const userId of readers) io.to(userRoom(userId)).emit('message:changed', event);
  }
}
