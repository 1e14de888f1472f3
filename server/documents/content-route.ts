import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { IdSchema } from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import { authenticate, sendCode } from '../http/http-errors.js';
import type { BlobStore } from './blob-store.js';
import { maySee, paperView } from './document-audience.js';
import { findDocument, findVersion } from './document-queries.js';

/**
 * A document's bytes, for the reader's range requests: pdf.js asks for the end of the file
 * first, then the pages it shows, so the first page of a 300-page file appears after a few
 * small reads. Never compressed (pdf.js refuses range loading of an encoded body), and the
 * ETag is the SHA-256, so a client verifies what it cached against it.
 */
export function registerContentRoute(
  app: FastifyInstance,
  deps: { store: Store; blobs: BlobStore; now: () => Date },
): void {
  const { store, blobs } = deps;
  app.get<{ Params: { documentId: string }; Querystring: { version?: string } }>(
    '/api/documents/:documentId/content',
    async (request, reply) => {
      const auth = await authenticate(store.db, request, reply, deps.now());
      if (!auth) return reply;
      const id = IdSchema.safeParse(request.params.documentId);
      if (!id.success) return sendCode(reply, 'NOT_FOUND');
      const doc = await findDocument(store.db, id.data);
      const view = doc ? await paperView(store.db, doc.meetingId, auth.user) : null;
      // Not allowed and not there answer alike: a restricted document's id leaks nothing.
      if (!doc || !view || !maySee(view, doc)) return sendCode(reply, 'NOT_FOUND');
      let blob = { sha256: doc.sha256, size: doc.size };
      let version = doc.version;
      if (request.query.version !== undefined) {
        version = Number(request.query.version);
        const found = Number.isInteger(version) && version > 0 ? await findVersion(store.db, doc.id, version) : null;
        if (!found) return sendCode(reply, 'NOT_FOUND');
        blob = found;
      }
      return sendBlob(request, reply, blobs, blob);
    },
  );
}

async function sendBlob(
  request: FastifyRequest,
  reply: FastifyReply,
  blobs: BlobStore,
  blob: { sha256: string; size: number },
): Promise<FastifyReply> {
  const etag = `"${blob.sha256}"`;
  reply
    .header('etag', etag)
    .header('accept-ranges', 'bytes')
    .header('content-type', 'application/pdf')
    // A private paper: kept by the client core's own cache (which deletes it on a recall or a
    // loss of access), never by a proxy nor by the browser's HTTP cache, which nothing of ours
    // could empty. The ETag still answers a client's own If-None-Match.
    .header('cache-control', 'private, no-store')
    .header('content-disposition', 'inline');
  if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  const range = parseRange(request.headers.range, blob.size);
  // If-Range with another ETag: the client's partial copy is of other bytes, so it gets them whole.
  const ifRange = request.headers['if-range'];
  const useRange = range !== null && (ifRange === undefined || ifRange === etag);
  if (range === 'unsatisfiable' && useRange) {
    return reply.code(416).header('content-range', `bytes */${blob.size}`).send();
  }
  const [start, end] = useRange && range !== 'unsatisfiable' && range !== null ? range : [0, blob.size - 1];
  if (useRange && range !== 'unsatisfiable')
    reply.code(206).header('content-range', `bytes ${start}-${end}/${blob.size}`);
  reply.header('content-length', end - start + 1);
  // HEAD (Fastify's own, from this GET route) keeps the length set above for an empty stream;
  // given the blob's stream it would read it all to throw it away.
  if (request.method === 'HEAD') return reply.send(Readable.from([]));
  const held = await blobs.inMemory?.(blob.sha256, blob.size, start === 0 && end === blob.size - 1);
  // A view of the held bytes, not a copy: the socket drains it with no JavaScript per piece.
  if (held) return reply.send(Buffer.from(held.buffer, held.byteOffset + start, end - start + 1));
  const body = blobs.read(blob.sha256, start, end);
  return reply.send(body instanceof Readable ? body : Readable.from(body));
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}` || t.trim() === '*');
}

/**
 * One range `bytes=a-b`, `bytes=a-` or `bytes=-n`. Several ranges are answered with the whole
 * file (allowed, and pdf.js never asks for several); a malformed header is ignored.
 */
export function parseRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, from, to] = m;
  if (from === '' && to === '') return null;
  if (from === '') {
    const n = Number(to);
    if (n === 0) return 'unsatisfiable';
    return [Math.max(0, size - n), size - 1];
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return [start, end];
}
