import type { z } from 'zod';
import { protocolError, type Ack } from '../protocol/index.js';
import type { HttpFetch } from './http.js';
import { readError } from './session-http.js';
import type { StoredSession } from './store.js';

/**
 * The certificate routes over HTTP with the session's bearer token. Every failure comes
 * back as the protocol's Ack: the server's error, OFFLINE when it cannot be reached.
 */
export async function callJson<S extends z.ZodType>(
  http: HttpFetch,
  session: StoredSession | null,
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  body?: unknown,
): Promise<Ack<z.infer<S>>> {
  if (!session) return { ok: false, error: protocolError('UNAUTHENTICATED') };
  const headers: Record<string, string> = { authorization: `Bearer ${session.token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let ok: boolean;
  let answer: unknown;
  try {
    const init: Parameters<HttpFetch>[1] = { method, headers };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await http(`${session.serverUrl}${path}`, init);
    ok = res.ok;
    answer = await res.json().catch(() => null);
  } catch {
    return { ok: false, error: protocolError('OFFLINE') };
  }
  if (!ok) return { ok: false, error: readError(answer) };
  const parsed = schema.safeParse(answer);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, error: protocolError('INTERNAL') };
}

/** The meeting CA's certificate (PEM) as the server hands it out, or null when it cannot be had. */
export async function fetchCaPem(http: HttpFetch, serverUrl: string): Promise<string | null> {
  try {
    const res = await http(`${serverUrl}/api/pki/ca`, { method: 'GET' });
    if (!res.ok || !res.text) return null;
    return await res.text();
  } catch {
    return null;
  }
}
