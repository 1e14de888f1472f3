import { deleteExpiredSessions, findSessionById } from '../auth/sessions.js';
import type { Db } from '../db/schema.js';
import { repeatEvery } from './repeat.js';
import type { MeetingSocketServer } from './socket-server.js';

/**
 * Every event re-checks its session, but a socket that only listens would go on receiving
 * changes after its session expired or was revoked. This sweep cuts such sockets, and
 * deletes expired sessions.
 */
export function startSessionSweep(io: MeetingSocketServer, db: Db, now: () => Date, everyMs = 30_000): () => void {
  return repeatEvery(everyMs, async () => {
    // Every node sweeps: expired sessions go even if the node that made them is gone.
    await deleteExpiredSessions(db, now()).catch(() => 0);
    for (const socket of io.of('/').sockets.values()) {
      const session = await findSessionById(db, socket.data.sessionId, now()).catch(() => undefined);
      // A database that does not answer cuts nobody: only a session known to be gone does.
      if (session === null) socket.disconnect(true);
    }
  });
}
