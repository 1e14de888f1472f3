import type { MinutesChanged } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import { listParticipants } from '../meetings/meeting-queries.js';
import { userRoom } from '../realtime/rooms.js';
import type { MeetingSocketServer } from '../realtime/socket-server.js';

/** After a save: the meeting's secretaries and chair (each in their own room, on every node), nobody else. */
export async function publishMinutesNotice(io: MeetingSocketServer, db: Db, notice: MinutesChanged): Promise<void> {
  const readers = (await listParticipants(db, notice.meetingId)).filter(
    (p) => p.role === 'secretary' || p.role === 'chair',
  );
  for (const p of readers) io.to(userRoom(p.userId)).emit('minutes:changed', notice);
}
