import type { FastifyInstance } from 'fastify';
import { LoginRequestSchema, validationError, type LoginResponse } from '../../shared/protocol/index.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { authenticate, sendCode, sendError } from '../http/http-errors.js';
import { findUserByUsername, publicUser } from '../users/user-queries.js';
import { LoginThrottle } from './login-throttle.js';
import { decoyHash, verifyPassword } from './passwords.js';
import { createSession, deleteSession } from './sessions.js';

export interface AuthRouteDeps {
  db: Database;
  now: () => Date;
  /** Called after logout so that the session's sockets are cut at once. */
  onLogout(sessionId: string): void;
}

export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  const { db, now } = deps;
  const throttle = new LoginThrottle();

  app.post('/api/auth/login', async (request, reply) => {
    const parsed = LoginRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendError(reply, validationError(parsed.error));
    const { username, password } = parsed.data;
    const address = request.ip;
    if (throttle.isBlocked(address, username, Date.now())) return sendCode(reply, 'RATE_LIMITED');
    const user = findUserByUsername(db, username);
    // Verify against a decoy when the user is unknown, so timing does not reveal names.
    const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !valid || user.disabled) {
      throttle.recordFailure(address, username, Date.now());
      appendAudit(db, {
        at: now().toISOString(),
        actorId: null,
        action: 'auth:login-failed',
        meetingId: null,
        detail: { username, address },
      });
      return sendCode(reply, 'INVALID_CREDENTIALS');
    }
    throttle.recordSuccess(address, username);
    const { token, session } = db.transaction(() => {
      const created = createSession(db, user.id, now());
      appendAudit(db, {
        at: now().toISOString(),
        actorId: user.id,
        action: 'auth:login',
        meetingId: null,
        detail: { address },
      });
      return created;
    })();
    const body: LoginResponse = { token, expiresAt: session.expiresAt, user: publicUser(user) };
    return reply.send(body);
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const auth = authenticate(db, request, reply, now());
    if (!auth) return reply;
    deleteSession(db, auth.session.id);
    deps.onLogout(auth.session.id);
    return reply.code(204).send();
  });

  app.get('/api/auth/me', async (request, reply) => {
    const auth = authenticate(db, request, reply, now());
    if (!auth) return reply;
    return reply.send({ user: publicUser(auth.user) });
  });
}
