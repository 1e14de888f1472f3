import type { FastifyInstance } from 'fastify';
import { canManagePeople } from '../../shared/domain/index.js';
import { MAX_IMPORT_BYTES, protocolError, rateLimitedError, type ImportFormat } from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import { authenticate, sendCode, sendError } from '../http/http-errors.js';
import { ImportBusyError, ImportForbiddenError, importPeople } from './person-import.js';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `POST /api/users/import`: people from a CSV or .xlsx body, for an outside system or a
 * script. The same checks and the same one transaction as the people screen's import; the
 * body is the file itself (at most 1 MiB), its type saying which.
 */
export function registerImportRoute(app: FastifyInstance, deps: { store: Store; now: () => Date }): void {
  const { store, now } = deps;
  // In their own scope: these bodies are files, read as bytes, and nowhere else accepted.
  void app.register(async (scope) => {
    for (const type of [CSV_TYPE, XLSX_TYPE])
      scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) =>
        done(null, body),
      );
    scope.post('/api/users/import', { bodyLimit: MAX_IMPORT_BYTES }, async (request, reply) => {
      const auth = await authenticate(store.db, request, reply, now());
      if (!auth) return reply;
      if (!canManagePeople(auth.user)) return sendCode(reply, 'FORBIDDEN');
      const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      const format: ImportFormat | null = type === CSV_TYPE ? 'csv' : type === XLSX_TYPE ? 'xlsx' : null;
      if (!format || !Buffer.isBuffer(request.body))
        return sendError(
          reply,
          protocolError('VALIDATION_FAILED', [{ path: '(body)', message: `a ${CSV_TYPE} or ${XLSX_TYPE} body` }]),
        );
      const query = request.query as Record<string, unknown>;
      const dryRun = query.dryRun === '1' || query.dryRun === 'true';
      let result;
      try {
        result = await importPeople(store, auth.user, { format, bytes: new Uint8Array(request.body), dryRun }, now());
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
