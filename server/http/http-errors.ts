import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CATALOGUE, protocolError, type ErrorCode, type ProtocolError } from '../../shared/protocol/index.js';
import { findSessionByToken, type SessionRecord } from '../auth/sessions.js';
import type { Db } from '../db/schema.js';
import { isStorageFull } from '../db/store.js';
import { findUserById, type UserRecord } from '../users/user-queries.js';

export function sendError(reply: FastifyReply, error: ProtocolError): FastifyReply {
  return reply.code(ERROR_CATALOGUE[error.code].http).send({ error });
}

export function sendCode(reply: FastifyReply, code: ErrorCode): FastifyReply {
  return sendError(reply, protocolError(code));
}

/** Maps Fastify's own failures (bad JSON, body too large …) to protocol errors. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413)
      return sendCode(reply, 'PAYLOAD_TOO_LARGE');
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, protocolError('VALIDATION_FAILED', [{ path: '(body)', message: error.message }]));
    }
    request.log.error({ err: error }, 'request failed');
    return sendCode(reply, isStorageFull(error) ? 'STORAGE_FULL' : 'INTERNAL');
  });
}

const OPEN_BEFORE_PASSWORD_CHANGE: ReadonlySet<string> = new Set(['/api/auth/logout', '/api/auth/me']);

export interface Authenticated {
  session: SessionRecord;
  user: UserRecord;
}

/** The session of a `Authorization: Bearer …` request, or null after answering 401. */
export async function authenticate(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  now: Date,
): Promise<Authenticated | null> {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
  const session = await findSessionByToken(db, token, now);
  const user = session ? await findUserById(db, session.userId) : null;
  if (!session || !user || user.disabled) {
    sendCode(reply, 'UNAUTHENTICATED');
    return null;
  }
  // A session signed in with a handed-out one-time password may only sign out or say who it is
  // (the password is changed over the socket): see the socket layer.
  if (user.mustChangePassword && !OPEN_BEFORE_PASSWORD_CHANGE.has(request.routeOptions.url ?? '')) {
    sendCode(reply, 'PASSWORD_CHANGE_REQUIRED');
    return null;
  }
  return { session, user };
}
