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
import { findSessionByToken, type SessionRecord } from '../auth/sessions.js';
import { checkDeviceClaim, DeviceSightings, type DeviceCheck } from '../devices/device-sightings.js';
import type { DeviceRevoked } from '../devices/device-revocation.js';
import type { Store } from '../db/store.js';
import type { CommandRunner } from '../sync/command-runner.js';
import { ActorCache } from './actor-cache.js';
import { ChangeFanOut } from './change-fan-out.js';
import { ConnectionQuota, MAX_PENDING_EVENTS, type QuotaRefusal } from './connection-quota.js';
import { budgetsFor } from './leased-budget.js';
import { handleRequest, type RequestEffects } from './request-handlers.js';
import { deviceRoom, lockedUserRoom, meetingRoom, sessionRoom, userRoom } from './rooms.js';

/** What the nodes of one deployment tell each other (through the adapter). */
export interface NodeToNodeEvents {
  /** A session ended (logout) or an account changed: drop what is cached of it. */
  'auth:forget': (what: { sessionId?: string; userId?: string }) => void;
  /**
   * Whether a socket of this session is connected to the node asked. Only a boolean comes
   * back: `fetchSockets` would carry each socket's handshake (headers, and once the bearer
   * token) through pg_notify and the adapter's attachments table.
   */
  'session:in-use': (sessionId: string, answer: (inUse: boolean) => void) => void;
}

export type MeetingSocketServer = Server<ClientToServerEvents, ServerToClientEvents, NodeToNodeEvents, SocketData>;

/** What the rest of the server may ask of the socket layer. */
export interface MeetingSockets {
  /** Forget a session or a user's cached authentication, on this node and on every other one. */
  forget(what: { sessionId?: string; userId?: string }): void;
  /** Whether a socket of the session is connected to any node; a node that does not answer counts as yes. */
  sessionInUse(sessionId: string): Promise<boolean>;
}

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
  deps: {
    store: Store;
    runner: CommandRunner;
    logger: Logger;
    now: () => Date;
    limits?: SocketLimits;
    /** Several nodes share the database, behind the Socket.IO adapter. */
    clustered: boolean;
    /** A device was revoked with its certificates: the CRL is made again. */
    certificatesRevoked?: () => void;
  },
): MeetingSockets {
  const { store, runner, logger, now } = deps;
  const db = store.db;
  const actors = new ActorCache(db, now);
  const forgetHere = (what: { sessionId?: string; userId?: string }) => {
    if (what.sessionId) actors.forgetSession(what.sessionId);
    if (what.userId) actors.forgetUser(what.userId);
  };
  io.on('auth:forget', forgetHere);
  const inUseHere = (sessionId: string) => (io.of('/').adapter.rooms.get(sessionRoom(sessionId))?.size ?? 0) > 0;
  io.on('session:in-use', (sessionId, answer) => {
    if (typeof answer === 'function') answer(typeof sessionId === 'string' && inUseHere(sessionId));
  });
  const forgetEverywhere = (what: { sessionId?: string; userId?: string }) => {
    forgetHere(what);
    // The in-memory adapter of a single node has nobody to tell (and warns if asked).
    if (deps.clustered) io.serverSideEmit('auth:forget', what);
  };
  // A person disabled or whose password was reset is signed out at once, as by a logout, on every node.
  const accounts = {
    changed: (userId: string) => {
      forgetEverywhere({ userId });
      // Their devices sync again under the new rights (or the password just chosen).
      io.to([userRoom(userId), lockedUserRoom(userId)]).emit('session:refresh', { reason: 'access-changed' });
    },
    signedOut: (userId: string) => {
      forgetEverywhere({ userId });
      io.in([userRoom(userId), lockedUserRoom(userId)]).disconnectSockets(true);
    },
    sessionsEnded: (sessionIds: readonly string[]) => {
      for (const sessionId of sessionIds) {
        forgetEverywhere({ sessionId });
        io.in(sessionRoom(sessionId)).disconnectSockets(true);
      }
    },
  };
  const limits = { ...DEFAULT_SOCKET_LIMITS, ...deps.limits };
  // Socket caps are per node; the event budget is the user's over every node on PostgreSQL.
  const quota = new ConnectionQuota(limits, Date.now, budgetsFor(store, limits, logger));
  const sightings = new DeviceSightings(db, now);
  const effects: RequestEffects = {
    ...accounts,
    deviceRevoked: (revoked: DeviceRevoked) => {
      for (const sessionId of revoked.sessionIds) forgetEverywhere({ sessionId });
      // In order on each socket's transport: the event, then the server's disconnect; the
      // client reconnects after that and is refused DEVICE_REVOKED, should it miss the event.
      io.to(deviceRoom(revoked.deviceId)).emit('device:revoked', {
        deviceId: revoked.deviceId,
        revokedAt: revoked.revokedAt,
      });
      io.in(deviceRoom(revoked.deviceId)).disconnectSockets();
      for (const sessionId of revoked.sessionIds) io.in(sessionRoom(sessionId)).disconnectSockets();
      if (revoked.certificates.length > 0) deps.certificatesRevoked?.();
    },
    passwordChosen: (userId: string, sessionId: string) => {
      io.in(sessionRoom(sessionId)).socketsJoin(userRoom(userId));
      io.in(sessionRoom(sessionId)).socketsLeave(lockedUserRoom(userId));
    },
  };
  /** Sockets whose session was on a one-time password when they connected (set by the middleware). */
  const lockedAtConnect = new WeakSet<object>();

  io.use(async (socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown; device?: unknown } | undefined;
    let session: SessionRecord | null = null;
    let device: DeviceCheck;
    try {
      // The device first: a revoked one is told so whatever token it holds (its sessions ended).
      device = await checkDeviceClaim(db, auth?.device);
      if (device.ok) session = await findSessionByToken(db, auth?.token, now());
    } catch (error) {
      logger.error({ err: error }, 'socket authentication failed');
      next(connectRefusal('INTERNAL'));
      return;
    } finally {
      // The bearer token is needed only here: nothing later (an adapter's answer to another
      // node, a log line) can copy what the socket no longer holds.
      if (auth && typeof auth === 'object') delete auth.token;
    }
    if (!device.ok) {
      next(connectRefusal(device.code));
      return;
    }
    const claim = device.claim;
    // A token works only from the device it was signed in from: a copied one names another.
    if (!session || (claim && session.deviceId && claim.id !== session.deviceId)) {
      next(connectRefusal('UNAUTHENTICATED'));
      return;
    }
    const deviceId = session.deviceId ?? claim?.id ?? null;
    if (deviceId)
      await sightings
        .connected(session.userId, deviceId, claim)
        .catch((error: unknown) => logger.warn({ err: error }, 'recording a device seen'));
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
    socket.data = { userId: session.userId, sessionId: session.id, deviceId };
    try {
      // Read before the socket joins any room: a session on a one-time password must not be
      // sent what is meant for the person (a private notice, an absence reason, a restricted paper).
      if ((await actors.actorOf(session.id))?.mustChangePassword !== false) lockedAtConnect.add(socket);
    } catch (error) {
      logger.error({ err: error }, 'socket authentication failed');
      next(connectRefusal('INTERNAL'));
      return;
    }
    next();
  });

  io.on('connection', (socket) => {
    const own = lockedAtConnect.has(socket) ? lockedUserRoom(socket.data.userId) : userRoom(socket.data.userId);
    const rooms = [own, sessionRoom(socket.data.sessionId)];
    if (socket.data.deviceId) rooms.push(deviceRoom(socket.data.deviceId));
    void socket.join(rooms);

    // One event of a socket at a time, in the order they came: a client's second command
    // never overtakes its first.
    let queue: Promise<void> = Promise.resolve();
    /** Events of this socket accepted and not yet answered. */
    let pending = 0;
    socket.onAny((event: string, ...args: unknown[]) => {
      const last = args.at(-1);
      const ack = typeof last === 'function' ? (last as (answer: Ack<unknown>) => void) : null;
      const payload = args[0];
      const reply = (answer: Ack<unknown>) => {
        if (ack) ack(answer);
        else if (!answer.ok) socket.emit('server:error', { ...answer.error, event: String(event) });
      };
      // The budget is charged as the event arrives, so a flood is refused without queueing.
      // A shared budget (several nodes) may have to wait for its lease: the event then waits
      // in this queue, but only while the queue is short, so a flood costs no memory.
      const paid = quota.take(socket.id, eventCost(event), pending < MAX_PENDING_EVENTS);
      if (paid === false) {
        reply({ ok: false, error: protocolError('RATE_LIMITED') });
        return;
      }
      pending += 1;
      queue = queue.then(async () => {
        try {
          if (paid === true || (await paid)) await handle(event, payload, reply);
          else reply({ ok: false, error: protocolError('RATE_LIMITED') });
        } finally {
          pending -= 1;
        }
      });
    });

    const handle = async (event: string, payload: unknown, reply: (answer: Ack<unknown>) => void) => {
      try {
        const actor = await actors.actorOf(socket.data.sessionId);
        if (!actor || actor.disabled) {
          reply({ ok: false, error: protocolError('UNAUTHENTICATED') });
          socket.disconnect(true);
          return;
        }
        if (socket.data.deviceId)
          void sightings
            .seen(actor.id, socket.data.deviceId)
            .catch((error: unknown) => logger.warn({ err: error }, 'recording a device seen'));
        // A one-time password was handed out by someone else: until the person chooses their
        // own, the session may do nothing but that (whoever knows the handed-out one cannot
        // act, read or sign as the person).
        // The person's own room follows the account: joined once the password is chosen (a
        // socket of the session on another node, or one that connected during the change),
        // left should the account be on a one-time password again.
        const own = userRoom(actor.id);
        if (actor.mustChangePassword && socket.rooms.has(own)) {
          void socket.leave(own);
          void socket.join(lockedUserRoom(actor.id));
        } else if (!actor.mustChangePassword && !socket.rooms.has(own)) {
          void socket.join(own);
          void socket.leave(lockedUserRoom(actor.id));
        }
        if (actor.mustChangePassword && event !== 'account:change-password') {
          reply({ ok: false, error: protocolError('PASSWORD_CHANGE_REQUIRED') });
          return;
        }
        if (isCommandName(event)) reply(await runner.execute(actor, event, payload));
        else if (isRequestName(event)) {
          const membership = {
            sessionId: socket.data.sessionId,
            rooms: () => socket.rooms,
            join: (room: string) => void socket.join(room),
            leave: (room: string) => void socket.leave(room),
          };
          reply(await handleRequest(event, store, actor, membership, payload, effects));
        } else reply({ ok: false, error: protocolError('UNKNOWN_EVENT') });
      } catch (error) {
        logger.error({ err: error, event }, 'socket event failed');
        reply({ ok: false, error: protocolError('INTERNAL') });
      }
    };
  });

  return {
    forget: forgetEverywhere,
    async sessionInUse(sessionId) {
      if (inUseHere(sessionId)) return true;
      if (!deps.clustered) return false;
      try {
        const answers = await io.serverSideEmitWithAck('session:in-use', sessionId);
        return answers.some((inUse) => inUse !== false);
      } catch {
        // A node that did not answer in time (the adapter's 5 s) may hold it: keep the session.
        return true;
      }
    },
  };
}

/**
 * Sends committed changes to the meeting's room (in batches, after the acknowledgement:
 * see ChangeFanOut) and tells users whose access moved.
 */
export function changePublisher(io: MeetingSocketServer): {
  publish(changes: Change[], accessChanged: string[], meetingId: string): void;
  close(): void;
} {
  const fanOut = new ChangeFanOut((batch) => io.to(meetingRoom(batch.meetingId)).emit('meeting:changes', batch));
  return {
    publish(changes, accessChanged, meetingId) {
      fanOut.publish(meetingId, changes);
      for (const userId of accessChanged) {
        // Leave first: a user who lost access must get nothing more; sync rejoins the others.
        io.in(userRoom(userId)).socketsLeave(meetingRoom(meetingId));
        io.to(userRoom(userId)).emit('session:refresh', { reason: 'access-changed' });
      }
    },
    close: () => fanOut.flush(),
  };
}
