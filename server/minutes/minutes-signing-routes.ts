import type { FastifyInstance, FastifyReply } from 'fastify';
import { IdSchema, protocolError } from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import { authenticate, sendCode, sendError } from '../http/http-errors.js';
import { preparedRevision, startSigning } from './minutes-signing.js';

/** `POST …/minutes/signing` and `GET …/minutes/signing/{signingId}.pdf`. */
export function registerMinutesSigningRoutes(app: FastifyInstance, deps: { store: Store; now: () => Date }): void {
  const { store, now } = deps;
  app.post<{ Params: { meetingId: string } }>(
    '/api/meetings/:meetingId/minutes/signing',
    async (request, reply): Promise<FastifyReply> => {
      const auth = await authenticate(store.db, request, reply, now());
      if (!auth) return reply;
      const meetingId = IdSchema.safeParse(request.params.meetingId);
      if (!meetingId.success) return sendCode(reply, 'NOT_FOUND');
      const started = await startSigning(store, auth.user, meetingId.data, now());
      if (!started.ok) return sendError(reply, protocolError(started.code, undefined, started.message));
      return reply.header('cache-control', 'private, no-store').send(started.answer);
    },
  );
  app.get<{ Params: { meetingId: string; file: string } }>(
    '/api/meetings/:meetingId/minutes/signing/:file',
    async (request, reply): Promise<FastifyReply> => {
      const auth = await authenticate(store.db, request, reply, now());
      if (!auth) return reply;
      const meetingId = IdSchema.safeParse(request.params.meetingId);
      const file = /^(.+)\.pdf$/.exec(request.params.file);
      const signingId = IdSchema.safeParse(file?.[1]);
      if (!meetingId.success || !signingId.success) return sendCode(reply, 'NOT_FOUND');
      const bytes = await preparedRevision(store.db, auth.user, meetingId.data, signingId.data);
      if (!bytes) return sendCode(reply, 'NOT_FOUND');
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', 'inline; filename="minutes-to-sign.pdf"')
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );
}
