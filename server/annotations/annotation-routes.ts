import type { FastifyInstance } from 'fastify';
import { IdSchema } from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import type { BlobStore } from '../documents/blob-store.js';
import { authenticate, sendCode, sendError } from '../http/http-errors.js';
import { meetingAnnotations } from './annotation-reads.js';
import { registerAnnotationExportRoute } from './annotation-export-route.js';

export interface AnnotationRouteDeps {
  store: Store;
  blobs: BlobStore;
  now?: () => Date;
}

/**
 * The annotations' HTTP API. No parameter names an author: a caller reads their own
 * annotations and those shared with them, whatever they ask for.
 */
export function registerAnnotationRoutes(app: FastifyInstance, deps: AnnotationRouteDeps): void {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  app.get<{ Params: { meetingId: string } }>('/api/meetings/:meetingId/annotations', async (request, reply) => {
    const auth = await authenticate(store.db, request, reply, now());
    if (!auth) return reply;
    const meetingId = IdSchema.safeParse(request.params.meetingId);
    if (!meetingId.success) return sendCode(reply, 'NOT_FOUND');
    const answer = await meetingAnnotations(store, auth.user, meetingId.data);
    return answer.ok ? reply.send({ annotations: answer.data }) : sendError(reply, answer.error);
  });
  registerAnnotationExportRoute(app, { store, blobs: deps.blobs, now });
}
