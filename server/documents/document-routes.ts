import type { FastifyInstance } from 'fastify';
import { IdSchema, SearchQuerySchema, validationError, type Change } from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import { authenticate, sendCode, sendError } from '../http/http-errors.js';
import type { BlobStore } from './blob-store.js';
import { registerContentRoute } from './content-route.js';
import type { DocumentNotice } from './document-notices.js';
import { documentList, documentSearch } from './document-reads.js';
import { registerUploadRoute } from './upload-route.js';

export interface DocumentRouteDeps {
  store: Store;
  blobs: BlobStore;
  incomingDir: string;
  maxBytes: number;
  now: () => Date;
  published(notices: DocumentNotice[]): Promise<void>;
  changed(changes: Change[], meetingId: string): void;
}

/** The documents' HTTP API: for our clients' bytes, and for outside systems (a document management system). */
export function registerDocumentRoutes(app: FastifyInstance, deps: DocumentRouteDeps): void {
  const { store, now } = deps;
  registerUploadRoute(app, deps);
  registerContentRoute(app, deps);

  app.get<{ Params: { meetingId: string } }>('/api/meetings/:meetingId/documents', async (request, reply) => {
    const auth = await authenticate(store.db, request, reply, now());
    if (!auth) return reply;
    const meetingId = IdSchema.safeParse(request.params.meetingId);
    if (!meetingId.success) return sendCode(reply, 'NOT_FOUND');
    const answer = await documentList(store, auth.user, meetingId.data);
    return answer.ok ? reply.send(answer.data) : sendError(reply, answer.error);
  });

  app.get<{ Params: { meetingId: string }; Querystring: { q?: unknown } }>(
    '/api/meetings/:meetingId/search',
    async (request, reply) => {
      const auth = await authenticate(store.db, request, reply, now());
      if (!auth) return reply;
      const meetingId = IdSchema.safeParse(request.params.meetingId);
      if (!meetingId.success) return sendCode(reply, 'NOT_FOUND');
      const q = SearchQuerySchema.safeParse(request.query.q);
      if (!q.success) return sendError(reply, validationError(q.error));
      const answer = await documentSearch(store, auth.user, meetingId.data, q.data);
      return answer.ok ? reply.send(answer.data) : sendError(reply, answer.error);
    },
  );
}
