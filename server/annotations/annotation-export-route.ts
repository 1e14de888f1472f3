import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  EXPORT_FILE_NAME_HEADER,
  EXPORT_MODE_HEADER,
  IdSchema,
  protocolError,
  type ErrorCode,
} from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import type { BlobStore } from '../documents/blob-store.js';
import { maySee, paperView } from '../documents/document-audience.js';
import { findDocument, findVersion } from '../documents/document-queries.js';
import { authenticate, sendCode, sendError } from '../http/http-errors.js';
import { annotationsForExport } from './annotation-reads.js';
import { AnnotationExportError, exportAnnotatedPdf, type AnnotationExportFailure } from './pdf-export/index.js';

/**
 * Exports run on this node's main thread (pdf-lib and fontkit are synchronous): one at a
 * time per person, and a few at once in all, so that a person asking again and again delays
 * nobody else's ballots for long.
 */
const MAX_EXPORTS_AT_ONCE = 2;

const QuerySchema = z.object({
  version: z.coerce.number().int().positive().max(1_000_000).optional(),
  shared: z.enum(['0', '1']).default('0'),
  language: z.enum(['vi', 'en']).default('vi'),
});

/** A stored version was checked as a PDF at its upload: one that no longer opens is the server's fault. */
const REFUSALS: Record<AnnotationExportFailure, ErrorCode> = {
  'too-many': 'CONFLICT',
  encrypted: 'INTERNAL',
  unreadable: 'INTERNAL',
  'bad-annotation': 'CONFLICT',
};

const SUFFIX = {
  vi: { notes: 'ghi chú', unsigned: 'bản sao không còn chữ ký' },
  en: { notes: 'notes', unsigned: 'copy without the signatures' },
};

/** `Tờ trình (ghi chú).pdf`: the title, without what file systems or headers refuse. */
function fileName(title: string, language: 'vi' | 'en', unsigned: boolean): string {
  const safe =
    title
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .trim()
      .slice(0, 120) || 'document';
  return `${safe} (${unsigned ? SUFFIX[language].unsigned : SUFFIX[language].notes}).pdf`;
}

/**
 * A document version with the caller's annotations (and, asked for, those shared with them)
 * as real PDF annotations, and the list of them. Appended to the original when it can be
 * (its signatures still hold); otherwise a rewritten copy, and the headers say so.
 */
export function registerAnnotationExportRoute(
  app: FastifyInstance,
  deps: { store: Store; blobs: BlobStore; now: () => Date },
): void {
  const { store, blobs, now } = deps;
  const busy = new Set<string>();
  app.get<{ Params: { documentId: string }; Querystring: Record<string, unknown> }>(
    '/api/documents/:documentId/annotated',
    async (request, reply) => {
      const auth = await authenticate(store.db, request, reply, now());
      if (!auth) return reply;
      const id = IdSchema.safeParse(request.params.documentId);
      if (!id.success) return sendCode(reply, 'NOT_FOUND');
      const query = QuerySchema.safeParse(request.query);
      if (!query.success) return sendCode(reply, 'VALIDATION_FAILED');
      const doc = await findDocument(store.db, id.data);
      const view = doc ? await paperView(store.db, doc.meetingId, auth.user) : null;
      if (!doc || !view || !maySee(view, doc)) return sendCode(reply, 'NOT_FOUND');
      const version = query.data.version ?? doc.version;
      const blob = await findVersion(store.db, doc.id, version);
      if (!blob) return sendCode(reply, 'NOT_FOUND');
      if (busy.has(auth.user.id) || busy.size >= MAX_EXPORTS_AT_ONCE) return sendCode(reply, 'RATE_LIMITED');
      busy.add(auth.user.id);
      try {
        const annotations = await annotationsForExport(store.db, auth.user, doc.id, version, query.data.shared === '1');
        const chunks: Uint8Array[] = [];
        for await (const chunk of blobs.read(blob.sha256, 0, blob.size - 1)) chunks.push(chunk);
        const { language } = query.data;
        const result = await exportAnnotatedPdf({
          pdf: new Uint8Array(Buffer.concat(chunks)),
          annotations,
          language,
          title: doc.title,
          exportedAt: now(),
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        });
        const name = fileName(doc.title, language, result.mode === 'unsigned-copy');
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
          .header('cache-control', 'private, no-store')
          .header(EXPORT_MODE_HEADER, result.mode)
          .header(EXPORT_FILE_NAME_HEADER, encodeURIComponent(name))
          .send(Buffer.from(result.pdf.buffer, result.pdf.byteOffset, result.pdf.byteLength));
      } catch (error) {
        if (error instanceof AnnotationExportError) return sendError(reply, protocolError(REFUSALS[error.reason]));
        throw error;
      } finally {
        busy.delete(auth.user.id);
      }
    },
  );
}
