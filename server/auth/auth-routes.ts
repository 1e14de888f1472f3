import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  LoginRequestSchema,
  rateLimitedError,
  validationError,
  type LoginResponse,
} from '../../shared/protocol/index.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Store } from '../db/store.js';
import { authenticate, sendCode, sendError } from '../http/http-errors.js';
import { findUserById, findUserByUsername, publicUser, replacePasswordHash } from '../users/user-queries.js';
import { LoginThrottle } from './login-throttle.js';
import { MemoryThrottleState } from './login-throttle-memory.js';
import { PostgresThrottleState } from './login-throttle-postgres.js';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { createSession, deleteSession } from './sessions.js';
import { isDeviceRevoked, recordDeviceSeen } from '../devices/device-records.js';

export interface AuthRouteDeps {
  store: Store;
  now: () => Date;
  /** Called after logout so that the session's sockets are cut at once. */
  onLogout(sessionId: string): void;
  /**
   * Whether a device uses the session now (a live socket): such sessions end last. With
   * several nodes the answer comes from the Socket.IO adapter, hence the promise.
   */
  sessionInUse(sessionId: string): boolean | Promise<boolean>;
}

/**
 * Password checks waiting for or running on the hashing threads, from everyone. Each costs
 * a quarter of a second of a core; past this many, a sign-in is answered RATE_LIMITED at
 * once rather than queued behind a flood of wrong passwords from many addresses.
 */
export const MAX_PASSWORD_CHECKS = 128;

/** A queue of password checks drains within seconds: the wait said when it is full. */
const BUSY_RETRY_SECONDS = 5;

/** RATE_LIMITED with the wait in the body (for the sign-in screen) and in `Retry-After`. */
function sendRateLimited(reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  const error = rateLimitedError(retryAfterSeconds);
  return sendError(reply.header('retry-after', String(error.retryAfterSeconds)), error);
}

export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  const { store, now } = deps;
  // Several nodes on one PostgreSQL share the throttle's counts there, or each node would
  // grant its own guesses; the one node on a SQLite file keeps them in memory.
  const throttle = new LoginThrottle(
    {},
    store.dialect === 'postgres' ? new PostgresThrottleState(store) : new MemoryThrottleState(),
  );
  let checks = 0;

  app.post('/api/auth/login', async (request, reply) => {
    const parsed = LoginRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendError(reply, validationError(parsed.error));
    const { username, password, device } = parsed.data;
    const address = request.ip;
    // A revoked device is told so before anything else; it then erases what it holds.
    if (device && (await isDeviceRevoked(store.db, device.id))) return sendCode(reply, 'DEVICE_REVOKED');
    // The slot is taken before the slow check, so parallel attempts cannot all slip under the limit.
    if (checks >= MAX_PASSWORD_CHECKS) return sendRateLimited(reply, BUSY_RETRY_SECONDS);
    checks++;
    const attempt = await throttle.admit(address, username).catch((error: unknown) => {
      checks--;
      throw error;
    });
    if ('retryAfterMs' in attempt) {
      checks--;
      return sendRateLimited(reply, attempt.retryAfterMs / 1000);
    }
    try {
      const user = await findUserByUsername(store.db, username);
      // Verify against a decoy when the user is unknown, so timing does not reveal names.
      const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
      if (!user || !valid || user.disabled) {
        await attempt.fail(Date.now());
        await store.transaction((tx) =>
          appendAudit(tx, store, {
            at: now().toISOString(),
            actorId: null,
            action: 'auth:login-failed',
            meetingId: null,
            // A name that is no account is not kept: people type their password there by mistake.
            detail: { username: user ? user.username : null, address },
          }),
        );
        return sendCode(reply, 'INVALID_CREDENTIALS');
      }
      await attempt.succeed();
      // Only here is the password known to be right, so only here can an old hash move to the current cost.
      const upgradedHash = needsRehash(user.passwordHash) ? await hashPassword(password) : null;
      const created = await store.transaction(async (tx) => {
        // Two sign-ins of one person on two nodes would each trim without seeing the other's new session.
        await store.lockName(tx, `sessions:${user.id}`);
        if (device) {
          // Behind a revocation of the device running now: it deletes the device's sessions
          // under this lock, so no session of a revoked device outlives it.
          await store.lockName(tx, `device:${device.id}`);
          if (await isDeviceRevoked(tx, device.id)) return null;
        }
        // The password was checked against the account as read before the slow check: reset
        // or disabled meanwhile (behind this lock, which those take too), it opens nothing.
        const current = await findUserById(tx, user.id);
        if (!current || current.disabled || current.passwordHash !== user.passwordHash) return 'stale' as const;
        const rehashed =
          upgradedHash !== null && (await replacePasswordHash(tx, user.id, user.passwordHash, upgradedHash));
        const made = await createSession(tx, user.id, now(), deps.sessionInUse, device?.id ?? null);
        if (device) await recordDeviceSeen(tx, user.id, device, now());
        await appendAudit(tx, store, {
          at: now().toISOString(),
          actorId: user.id,
          action: 'auth:login',
          meetingId: null,
          detail: {
            address,
            ...(device ? { deviceId: device.id } : {}),
            ...(rehashed ? { passwordRehashed: true } : {}),
          },
        });
        return made;
      });
      if (!created) return sendCode(reply, 'DEVICE_REVOKED');
      if (created === 'stale') return sendCode(reply, 'INVALID_CREDENTIALS');
      const { token, session, ended } = created;
      // Sessions ended to make room are signed out like a logout: their sockets cut on every node.
      for (const id of ended) deps.onLogout(id);
      const body: LoginResponse = { token, expiresAt: session.expiresAt, user: publicUser(user) };
      return reply.send(body);
    } finally {
      checks--;
      // A server error in the check frees the slot without counting; after fail/succeed it does nothing.
      await attempt.release();
    }
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const auth = await authenticate(store.db, request, reply, now());
    if (!auth) return reply;
    await deleteSession(store.db, auth.session.id);
    deps.onLogout(auth.session.id);
    return reply.code(204).send();
  });

  app.get('/api/auth/me', async (request, reply) => {
    const auth = await authenticate(store.db, request, reply, now());
    if (!auth) return reply;
    return reply.send({ user: publicUser(auth.user) });
  });
}
