import {
  LoginResponseSchema,
  ProtocolErrorSchema,
  protocolError,
  type Ack,
  type DeviceClaim,
  type LoginResponse,
  type ProtocolError,
} from '../protocol/index.js';
import type { HttpFetch } from './http.js';
import type { StoredSession } from './store.js';

/** Sign-in over HTTP; every failure comes back as a protocol error, never a throw. */
export async function requestLogin(
  http: HttpFetch,
  serverUrl: string,
  credentials: { username: string; password: string; device: DeviceClaim },
): Promise<Ack<LoginResponse>> {
  let body: unknown;
  let ok: boolean;
  try {
    const res = await http(`${serverUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    ok = res.ok;
    body = await res.json();
  } catch {
    return { ok: false, error: protocolError('OFFLINE') };
  }
  if (!ok) return { ok: false, error: readError(body) };
  const parsed = LoginResponseSchema.safeParse(body);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, error: protocolError('INTERNAL') };
}

/** Ends the session on the server; offline, it simply expires there. */
export async function requestLogout(http: HttpFetch, session: StoredSession): Promise<void> {
  try {
    await http(`${session.serverUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
    });
  } catch {
    // Offline: nothing to do.
  }
}

/** The protocol error an HTTP answer carries, INTERNAL when it carries none. */
export function readError(body: unknown): ProtocolError {
  const parsed = ProtocolErrorSchema.safeParse((body as { error?: unknown } | null)?.error);
  return parsed.success ? parsed.data : protocolError('INTERNAL');
}
