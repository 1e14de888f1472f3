import { AskAnswerSchema, protocolError, type Ack, type AskHit } from '../protocol/index.js';
import type { HttpFetch } from './http.js';
import { readError } from './session-http.js';
import type { StoredSession } from './store.js';

/**
 * Asks the meeting assistant on the server: the passages of the papers (and notes) the user
 * may see that answer `q`. The index lives on the server only, so offline there is no answer
 * (OFFLINE), never a stale one.
 */
export async function fetchAssistantAnswer(
  http: HttpFetch,
  session: StoredSession | null,
  meetingId: string,
  q: string,
): Promise<Ack<AskHit[]>> {
  if (!session) return { ok: false, error: protocolError('UNAUTHENTICATED') };
  const url =
    `${session.serverUrl}/api/meetings/${encodeURIComponent(meetingId)}/assistant/ask` + `?q=${encodeURIComponent(q)}`;
  let res: Awaited<ReturnType<HttpFetch>>;
  try {
    res = await http(url, { method: 'GET', headers: { authorization: `Bearer ${session.token}` } });
  } catch {
    return { ok: false, error: protocolError('OFFLINE') };
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) return { ok: false, error: readError(body) };
  // A server of another version could answer otherwise: an unreadable answer is an error, not hits.
  const hits = AskAnswerSchema.safeParse(body);
  return hits.success ? { ok: true, data: hits.data } : { ok: false, error: protocolError('INTERNAL') };
}
