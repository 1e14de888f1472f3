import { findSessionById } from '../auth/sessions.js';
import type { Database } from '../db/database.js';
import type { MeetingSocketServer } from './socket-server.js';

/**
 * Every event re-checks its session, but a socket that only listens would go on receiving
 * changes after its session expired or was revoked. This sweep cuts such sockets.
 */
export function startSessionSweep(
  io: MeetingSocketServer,
  db: Database,
  now: () => Date,
  everyMs = 30_000,
): () => void {
  const timer = setInterval(() => {
    for (const socket of io.of('/').sockets.values()) {
      if (!findSessionById(db, socket.data.sessionId, now())) socket.disconnect(true);
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
