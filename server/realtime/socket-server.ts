import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import {
  EVENT_BUDGET,
  MAX_SOCKETS_PER_SESSION,
  MAX_SOCKETS_PER_USER,
  SOCKET_MAX_MESSAGE_BYTES,
  eventCost,
  isCommandName,
  isRequestName,
  protocolError,
  type Ack,
  type Change,
  type ClientToServerEvents,
  type ErrorCode,
  type LocalizedText,
  type ProtocolError,
  type ServerToClientEvents,
  type SocketData,
} from '../../shared/protocol/index.js';
import { findSessionById, findSessionByToken } from '../auth/sessions.js';
import type { Database } from '../db/database.js';
import type { CommandRunner } from '../sync/command-runner.js';
import { findUserById } from '../users/user-queries.js';
import { ConnectionQuota, type QuotaRefusal } from './connection-quota.js';
import { handleRequest } from './request-handlers.js';
import { meetingRoom, sessionRoom, userRoom } from './rooms.js';

export type MeetingSocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

interface Logger {
  warn(obj: unknown, msg: string): void;
  error(obj: unknown, msg: string): void;
}

/** The event budget is per user, over all their sockets; the caps count live sockets. */
export interface SocketLimits {
  burst: number;
  eventsPerSecond: number;
  socketsPerSession?: number;
  socketsPerUser?: number;
}

export { MAX_SOCKETS_PER_SESSION, MAX_SOCKETS_PER_USER, eventCost };

export const DEFAULT_SOCKET_LIMITS: Required<SocketLimits> = {
  burst: EVENT_BUDGET.burst,
  eventsPerSecond: EVENT_BUDGET.perSecond,
  socketsPerSession: MAX_SOCKETS_PER_SESSION,
  socketsPerUser: MAX_SOCKETS_PER_USER,
};

const CAP_MESSAGES: Record<QuotaRefusal, LocalizedText> = {
  session: {
    vi: 'Phiên đăng nhập này đang mở quá nhiều kết nối. Hãy đóng bớt tab hoặc cửa sổ rồi thử lại.',
    en: 'Too many connections are open for this sign-in. Close a tab or window and try again.',
  },
  user: {
    vi: 'Tài khoản này đang mở quá nhiều kết nối. Hãy đóng bớt tab hoặc thiết bị rồi thử lại.',
    en: 'Too many connections are open for this account. Close a tab or a device and try again.',
  },
};

/**
 * A refused connection reaches the client as connect_error: the message stays the bare
 * code (the client core tells an expired session by it), `data` is the protocol's error.
 */
function connectRefusal(code: ErrorCode, message?: LocalizedText): Error & { data: ProtocolError } {
  return Object.assign(new Error(code), { data: protocolError(code, undefined, message) });
}

export function createSocketServer(httpServer: HttpServer): MeetingSocketServer {
  return new Server(httpServer, {
    // Documents travel over HTTP; a socket message past this size closes that socket only.
    maxHttpBufferSize: SOCKET_MAX_MESSAGE_BYTES,
    serveClient: false,
    cors: { origin: false },
  });
}

/**
 * Authenticates each connection by its session token, then routes every event through one
 * dispatcher: the session is checked again on every event (logout or a disabled account
 * takes effect at once), unknown events get UNKNOWN_EVENT, nothing thrown escapes.
 */
export function attachMeetingHandlers(
  io: MeetingSocketServer,
  deps: { db: Database; runner: CommandRunner; logger: Logger; now: () => Date; limits?: SocketLimits },
): void {
  const { db, runner, logger, now } = deps;
  const quota = new ConnectionQuota({ ...DEFAULT_SOCKET_LIMITS, ...deps.limits });

  io.use((socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const session = findSessionByToken(db, auth?.token, now());
    if (!session) {
      next(connectRefusal('UNAUTHENTICATED'));
      return;
    }
    // The place is taken here, not on 'connection': Socket.IO connects after an await and
    // a tick, so sockets checked together would all pass a count of connected ones.
    const refusal = quota.admit(socket.id, session.userId, session.id);
    if (refusal) {
      next(connectRefusal('RATE_LIMITED', CAP_MESSAGES[refusal]));
      return;
    }
    // A transport that closes before the connection completes emits no 'disconnect'.
    const release = () => quota.release(socket.id);
    socket.conn.once('close', release);
    socket.once('disconnect', () => {
      socket.conn.off('close', release);
      release();
    });
    socket.data = { userId: session.userId, sessionId: session.id };
    next();
  });

  io.on('connection', (socket) => {
    void socket.join([userRoom(socket.data.userId), sessionRoom(socket.data.sessionId)]);

    socket.onAny((event: string, ...args: unknown[]) => {
      const last = args.at(-1);
      const ack = typeof last === 'function' ? (last as (answer: Ack<unknown>) => void) : null;
      const payload = args[0];
      const reply = (answer: Ack<unknown>) => {
        if (ack) ack(answer);
        else if (!answer.ok) socket.emit('server:error', { ...answer.error, event: String(event) });
      };
      try {
        if (!quota.take(socket.id, eventCost(event))) {
          reply({ ok: false, error: protocolError('RATE_LIMITED') });
          return;
        }
        const session = findSessionById(db, socket.data.sessionId, now());
        const actor = session ? findUserById(db, session.userId) : null;
        if (!actor || actor.disabled) {
          reply({ ok: false, error: protocolError('UNAUTHENTICATED') });
          socket.disconnect(true);
          return;
        }
        if (isCommandName(event)) reply(runner.execute(actor, event, payload));
        else if (isRequestName(event)) {
          const membership = {
            rooms: () => socket.rooms,
            join: (room: string) => void socket.join(room),
            leave: (room: string) => void socket.leave(room),
          };
          reply(handleRequest(event, db, actor, membership, payload));
        } else reply({ ok: false, error: protocolError('UNKNOWN_EVENT') });
      } catch (error) {
        logger.error({ err: error, event }, 'socket event failed');
        reply({ ok: false, error: protocolError('INTERNAL') });
      }
    });
  });
}

/** Sends committed changes to the meeting's room and tells users whose access moved. */
export function publishChanges(
  io: MeetingSocketServer,
  changes: Change[],
  accessChanged: string[],
  meetingId: string,
): void {
  for (const change of changes) io.to(meetingRoom(meetingId)).emit('meeting:change', change);
  for (const userId of accessChanged) {
    // Leave first: a user who lost access must get nothing more; sync rejoins the others.
    io.in(userRoom(userId)).socketsLeave(meetingRoom(meetingId));
    io.to(userRoom(userId)).emit('session:refresh', { reason: 'access-changed' });
  }
}
