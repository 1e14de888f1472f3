import { EXPORT_FILE_NAME_HEADER, EXPORT_MODE_HEADER, protocolError, type Ack } from '../protocol/index.js';
import type { AnnotatedExport, AnnotatedExportInput } from './api.js';
import type { HttpFetch } from './http.js';
import { readError } from './session-http.js';
import type { StoredSession } from './store.js';

/** Fetches the annotated PDF the server builds from the version and the user's annotations. */
export async function fetchAnnotatedExport(
  http: HttpFetch,
  session: StoredSession | null,
  input: AnnotatedExportInput,
): Promise<Ack<AnnotatedExport>> {
  if (!session) return { ok: false, error: protocolError('UNAUTHENTICATED') };
  const query = `version=${input.version}&shared=${input.withShared ? 1 : 0}&language=${input.language}`;
  const url = `${session.serverUrl}/api/documents/${encodeURIComponent(input.documentId)}/annotated?${query}`;
  try {
    const res = await http(url, { method: 'GET', headers: { authorization: `Bearer ${session.token}` } });
    if (!res.ok) return { ok: false, error: readError(await res.json().catch(() => null)) };
    if (!res.arrayBuffer) return { ok: false, error: protocolError('INTERNAL') };
    const bytes = new Uint8Array(await res.arrayBuffer());
    const name = res.headers?.get(EXPORT_FILE_NAME_HEADER);
    return {
      ok: true,
      data: {
        bytes,
        fileName: name ? decodeURIComponent(name) : `${input.documentId}.pdf`,
        unsignedCopy: res.headers?.get(EXPORT_MODE_HEADER) === 'unsigned-copy',
      },
    };
  } catch {
    return { ok: false, error: protocolError('OFFLINE') };
  }
}
