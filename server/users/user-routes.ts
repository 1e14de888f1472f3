import type { FastifyInstance } from 'fastify';
import { CreateUserRequestSchema, protocolError, validationError } from '../../shared/protocol/index.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { authenticate, sendCode, sendError } from '../http/http-errors.js';
import { createUserAccount, UsernameTakenError } from './user-accounts.js';
import { publicUser } from './user-queries.js';

const USERNAME_TAKEN = { vi: 'Tên đăng nhập đã tồn tại.', en: 'This user name is taken.' };

export function registerUserRoutes(app: FastifyInstance, deps: { db: Database; now: () => Date }): void {
  const { db, now } = deps;
  app.post('/api/users', async (request, reply) => {
    const auth = authenticate(db, request, reply, now());
    if (!auth) return reply;
    if (!auth.user.isAdmin) return sendCode(reply, 'FORBIDDEN');
    const parsed = CreateUserRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendError(reply, validationError(parsed.error));
    try {
      const user = await createUserAccount(db, parsed.data, now());
      appendAudit(db, {
        at: now().toISOString(),
        actorId: auth.user.id,
        action: 'user:create',
        meetingId: null,
        detail: { userId: user.id, username: user.username },
      });
      return reply.code(201).send({ user: publicUser(user) });
    } catch (error) {
      if (error instanceof UsernameTakenError)
        return sendError(reply, protocolError('CONFLICT', undefined, USERNAME_TAKEN));
      throw error;
    }
  });
}
