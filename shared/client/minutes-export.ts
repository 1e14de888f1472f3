import { protocolError, type Ack } from '../protocol/index.js';
import type { MinutesExport, MinutesFormat } from './api.js';
import type { HttpFetch } from './http.js';
import { readError } from './session-http.js';
import type { StoredSession } from './store.js';

/** The file name the server gives in `content-disposition` (`filename*=UTF-8''…`). */
function nameFrom(disposition: string | null | undefined): string | null {
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** The meeting's minutes as the server renders them (the draft, or the pre-fill): PDF or Word. */
export async function fetchMinutesExport(
  http: HttpFetch,
  session: StoredSession | null,
  meetingId: string,
  format: MinutesFormat,
): Promise<Ack<MinutesExport>> {
  if (!session) return { ok: false, error: protocolError('UNAUTHENTICATED') };
  const url = `${session.serverUrl}/api/meetings/${encodeURIComponent(meetingId)}/minutes.${format}`;
  try {
    const res = await http(url, { method: 'GET', headers: { authorization: `Bearer ${session.token}` } });
    if (!res.ok) return { ok: false, error: readError(await res.json().catch(() => null)) };
    if (!res.arrayBuffer) return { ok: false, error: protocolError('INTERNAL') };
    const bytes = new Uint8Array(await res.arrayBuffer());
    const fileName = nameFrom(res.headers?.get('content-disposition')) ?? `Biên bản.${format}`;
    return { ok: true, data: { bytes, fileName } };
  } catch {
    return { ok: false, error: protocolError('OFFLINE') };
  }
}
