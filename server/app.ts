import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { PROTOCOL_VERSION, SOCKET_MAX_MESSAGE_BYTES, type HealthResponse } from '../shared/protocol/index.js';
import { registerAuthRoutes } from './auth/auth-routes.js';
import { generatePassword } from './auth/passwords.js';
import { deleteExpiredSessions } from './auth/sessions.js';
import { openDatabase, truncateJournal, type Database } from './db/database.js';
import { readDemoAccounts, seedDemo, type DemoAccount } from './demo/seed-demo.js';
import { MALFORMED_REQUEST_OPTIONS } from './http/client-errors.js';
import { installErrorHandler } from './http/http-errors.js';
import { installSecurityHeaders } from './http/security-headers.js';
import { registerWebUi } from './http/web-ui.js';
import { productVersion, webUiDir } from './project-files.js';
import { sessionRoom } from './realtime/rooms.js';
import { startSessionSweep } from './realtime/session-sweep.js';
import {
  attachMeetingHandlers,
  createSocketServer,
  publishChanges,
  type MeetingSocketServer,
  type SocketLimits,
} from './realtime/socket-server.js';
import { COMMAND_HANDLERS } from './sync/command-handlers.js';
import { CommandRunner } from './sync/command-runner.js';
import { createUserAccount } from './users/user-accounts.js';
import { registerUserRoutes } from './users/user-routes.js';
import { closeVoteAtDeadline } from './votes/close-at-deadline.js';
import { VoteDeadlines } from './votes/vote-deadlines.js';
import { listOpenVotesWithDeadline } from './votes/vote-queries.js';

export type { DemoAccount };

export interface StartServerOptions {
  dataDir: string;
  /** 0 picks a free port (tests). */
  port?: number;
  host?: string;
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /**
   * On a database with no users: seed the demo meeting (default), or create only an
   * `admin` account with a generated password that is shown once (`firstAdminPassword`).
   */
  seedDemo?: boolean;
  /** Per-socket event budget (benchmarks raise it). */
  socketLimits?: SocketLimits;
  /** How often sockets of expired or revoked sessions are cut (tests shorten it). */
  sessionSweepMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  demoAccounts: DemoAccount[] | null;
  /** Set only on the start that created the first admin without the demo. */
  firstAdminPassword: string | null;
  /** For tests and the admin CLI; the server owns it. */
  db: Database;
  io: MeetingSocketServer;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'cabinet.sqlite';

/** Starts the meeting server: one port for HTTP and Socket.IO, one SQLite file. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  // Ballots, sessions and audit rows live here: nobody but the server's OS user may read them.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(options.dataDir, 0o700);
  const db = openDatabase(join(options.dataDir, DATABASE_FILE));
  const now = () => new Date();
  const version = productVersion();
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    bodyLimit: SOCKET_MAX_MESSAGE_BYTES,
    trustProxy: false,
    ...MALFORMED_REQUEST_OPTIONS,
  });
  installErrorHandler(app);
  installSecurityHeaders(app);

  const io = createSocketServer(app.server);
  const deadlines = new VoteDeadlines((meetingId, voteId) =>
    closeVoteAtDeadline(db, runner, app.log, meetingId, voteId),
  );
  const runner = new CommandRunner(
    db,
    COMMAND_HANDLERS,
    {
      published: (changes, accessChanged, meetingId) => {
        publishChanges(io, changes, accessChanged, meetingId);
        deadlines.observe(changes);
      },
    },
    app.log,
    now,
  );
  for (const v of listOpenVotesWithDeadline(db)) deadlines.schedule(v.meetingId, v.id, v.closesAt);
  attachMeetingHandlers(io, { db, runner, logger: app.log, now, limits: options.socketLimits });
  const stopSweep = startSessionSweep(io, db, now, options.sessionSweepMs);

  app.get('/api/health', async (): Promise<HealthResponse> => ({
    status: 'ok',
    version,
    protocol: PROTOCOL_VERSION,
  }));
  registerAuthRoutes(app, {
    db,
    now,
    onLogout: (sessionId) => io.in(sessionRoom(sessionId)).disconnectSockets(true),
    sessionInUse: (sessionId) => (io.sockets.adapter.rooms.get(sessionRoom(sessionId))?.size ?? 0) > 0,
  });
  registerUserRoutes(app, { db, now });
  await registerWebUi(app, webUiDir());

  const hasUsers = db.prepare('SELECT 1 FROM users LIMIT 1').get() !== undefined;
  let demoAccounts = readDemoAccounts(options.dataDir);
  let firstAdminPassword: string | null = null;
  if (!hasUsers && options.seedDemo !== false) demoAccounts = await seedDemo(db, runner, options.dataDir, now());
  else if (!hasUsers) {
    firstAdminPassword = generatePassword(18);
    await createUserAccount(
      db,
      { username: 'admin', displayName: 'Administrator', password: firstAdminPassword, isAdmin: true },
      now(),
    );
  }
  deleteExpiredSessions(db, now());

  const host = options.host ?? '0.0.0.0';
  try {
    await app.listen({ port: options.port ?? 8080, host });
  } catch (error) {
    io.close();
    db.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8080);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;

  let closed = false;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    demoAccounts,
    firstAdminPassword,
    db,
    io,
    async close() {
      if (closed) return;
      closed = true;
      deadlines.stop();
      stopSweep();
      // Closing the transports (not a Socket.IO "disconnect") lets clients reconnect by themselves.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await app.close().catch(() => undefined);
      truncateJournal(db);
      db.close();
    },
  };
}
