import type { FastifyInstance } from 'fastify';
import { CreateUserRequestSchema, protocolError, validationError } from '../../shared/protocol/index.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Store } from '../db/store.js';
import { authenticate, sendCode, sendError } from '../http/http-errors.js';
import { insertUserAccount, prepareUserAccount, UsernameTakenError } from './user-accounts.js';
import { oneLine } from './person-import.js';
import { publicUser } from './user-queries.js';
import { registerImportRoute } from './import-route.js';

const USERNAME_TAKEN = { vi: 'Tên đăng nhập đã tồn tại.', en: 'This user name is taken.' };

export function registerUserRoutes(app: FastifyInstance, deps: { store: Store; now: () => Date }): void {
  const { store, now } = deps;
  registerImportRoute(app, deps);
  app.post('/api/users', async (request, reply) => {
    const auth = await authenticate(store.db, request, reply, now());
    if (!auth) return reply;
    if (!auth.user.isAdmin) return sendCode(reply, 'FORBIDDEN');
    const parsed = CreateUserRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendError(reply, validationError(parsed.error));
    try {
      // The password is hashed before the transaction, which then holds the account and its audit row.
      const account = await prepareUserAccount({ ...parsed.data, displayName: oneLine(parsed.data.displayName) });
      const user = await store.transaction(async (tx) => {
        const created = await insertUserAccount(tx, account, now());
        await appendAudit(tx, store, {
          at: now().toISOString(),
          actorId: auth.user.id,
          action: 'user:create',
          meetingId: null,
          detail: { userId: created.id, username: created.username },
        });
        return created;
      });
      return reply.code(201).send({ user: publicUser(user) });
    } catch (error) {
      if (error instanceof UsernameTakenError)
        return sendError(reply, protocolError('CONFLICT', undefined, USERNAME_TAKEN));
      throw error;
    }
  });
}
