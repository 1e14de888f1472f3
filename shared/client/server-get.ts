import type { z } from 'zod';
import { protocolError, type Ack } from '../protocol/index.js';
import type { HttpFetch } from './http.js';
import { readError } from './session-http.js';
import type { StoredSession } from './store.js';

/**
 * A GET of the signed-in user's own answer from the server (the assistant's work lives there
 * alone): OFFLINE when the server cannot be reached, never a stale answer, and an answer the
 * schema cannot read (a server of another version) is an error, not data.
 */
export async function getFromServer<S extends z.ZodType>(
  http: HttpFetch,
  session: StoredSession | null,
  path: string,
  schema: S,
): Promise<Ack<z.output<S>>> {
  if (!session) return { ok: false, error: protocolError('UNAUTHENTICATED') };
  let res: Awaited<ReturnType<HttpFetch>>;
  try {
    res = await http(`${session.serverUrl}${path}`, {
      method: 'GET',
      headers: { authorization: `Bearer ${session.token}` },
    });
  } catch {
    return { ok: false, error: protocolError('OFFLINE') };
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) return { ok: false, error: readError(body) };
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, error: protocolError('INTERNAL') };
}
