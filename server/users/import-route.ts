import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canManagePeople } from '../../shared/domain/index.js';
import { MAX_IMPORT_BYTES, protocolError, rateLimitedError, type ImportFormat } from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import { authenticate, sendCode, sendError } from '../http/http-errors.js';
import { ImportBusyError, ImportForbiddenError, importPeople } from './person-import.js';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `POST /api/users/import`: people from a CSV or .xlsx body, for an outside system or a
 * script, and for the people screen. The same checks and the same one transaction as the
 * socket's `people:import`; the file (at most 1 MiB) is the body or a form's `file` part.
 */
export function registerImportRoute(app: FastifyInstance, deps: { store: Store; now: () => Date }): void {
  const { store, now } = deps;
  // In their own scope: these bodies are files, read as bytes, and nowhere else accepted.
  void app.register(async (scope) => {
    // Its own parser of forms: the people screen sends the file as a form's part.
    await scope.register(multipart);
    // A form answered before its end was read (refused before it, or a part other than
    // `file`): busboy stops reading at the part nobody consumes, so the request never ends
    // and the keep-alive connection hangs, the next request on it never answered. Closing
    // it after the answer frees the socket and the rest of the body unread.
    scope.addHook('onSend', async (request, reply) => {
      if (request.isMultipart() && !request.raw.complete) reply.header('connection', 'close');
    });
    for (const type of [CSV_TYPE, XLSX_TYPE])
      scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) =>
        done(null, body),
      );
    scope.post('/api/users/import', { bodyLimit: MAX_IMPORT_BYTES }, async (request, reply) => {
      const auth = await authenticate(store.db, request, reply, now());
      if (!auth) return reply;
      if (!canManagePeople(auth.user)) return sendCode(reply, 'FORBIDDEN');
      const file = request.isMultipart() ? await filePart(request) : bodyFile(request);
      if (file === 'too-large') return sendCode(reply.header('connection', 'close'), 'PAYLOAD_TOO_LARGE');
      if (!file)
        return sendError(
          reply,
          protocolError('VALIDATION_FAILED', [
            {
              path: '(body)',
              message: `a ${CSV_TYPE} or ${XLSX_TYPE} body, or multipart/form-data with a "file" part`,
            },
          ]),
        );
      const { format, bytes } = file;
      const query = request.query as Record<string, unknown>;
      const dryRun = query.dryRun === '1' || query.dryRun === 'true';
      let result;
      try {
        result = await importPeople(store, auth.user, { format, bytes, dryRun }, now());
      } catch (error) {
        if (error instanceof ImportForbiddenError) return sendCode(reply, 'FORBIDDEN');
        if (!(error instanceof ImportBusyError)) throw error;
        return sendError(reply.header('retry-after', '5'), rateLimitedError(5));
      }
      // The answer holds the one-time passwords: no cache between here and the caller may keep it.
      reply.header('cache-control', 'private, no-store');
      if (result.errors.length > 0) return reply.code(422).send({ error: protocolError('IMPORT_REFUSED'), ...result });
      return reply.code(dryRun ? 200 : 201).send(result);
    });
  });
}

type ImportFile = { format: ImportFormat; bytes: Uint8Array } | null | 'too-large';

/** The body is the file itself, its type saying which. */
function bodyFile(request: FastifyRequest): ImportFile {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const format: ImportFormat | null = type === CSV_TYPE ? 'csv' : type === XLSX_TYPE ? 'xlsx' : null;
  if (!format || !Buffer.isBuffer(request.body)) return null;
  return { format, bytes: new Uint8Array(request.body) };
}

/**
 * A form with one part `file` (what the people screen sends, through the same transport as
 * documents, so that the desktop and the browser both report its progress): an .xlsx by its
 * name or type, CSV otherwise.
 */
async function filePart(request: FastifyRequest): Promise<ImportFile> {
  let part;
  try {
    part = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 4, parts: 5 } });
  } catch {
    return null;
  }
  if (!part || part.fieldname !== 'file') return null;
  const named = part.mimetype === XLSX_TYPE || part.filename.toLowerCase().endsWith('.xlsx');
  try {
    const bytes = await part.toBuffer();
    // toBuffer looks for the cut only as each piece arrives: one cut after the last piece read
    // returns the first MiB as if it were the whole file (seen under load). The stream has ended here.
    if (part.file.truncated) return 'too-large';
    // A workbook is a zip whatever its name says (a list saved as "danh-sach.csv" by mistake,
    // or sent by the desktop, whose parts all say application/pdf).
    const zip = bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
    return { format: named || zip ? 'xlsx' : 'csv', bytes: new Uint8Array(bytes) };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return 'too-large';
    return null;
  }
}
