import { uuidv7 } from 'uuidv7';
import type { LoginResponse } from '../../shared/protocol/index.js';
import type { Harness } from '../support/server-harness.js';
import { joinMeeting } from '../support/vote-fixtures.js';
import { sendOk } from './commands.js';
import { mapLimit } from './pool.js';

/** What the simulator needs of a running server: the in-process harness or a server process. */
export type ServerAccess = Pick<Harness, 'login' | 'connect'> & { server: { url: string } };

export interface NewDelegate {
  username: string;
  password: string;
  userId: string;
}

export interface SignedIn {
  username: string;
  userId: string;
  token: string;
}

/**
 * Password hashes (account creation, sign-in) are scrypt on the server's thread pool: this
 * many at once keep both cores busy without queueing behind the server's cap on checks.
 */
export const HASH_CONCURRENCY = 8;

/**
 * Adds `count` delegate accounts to the demo meeting, like a real set-up: each account
 * through the admin API, then the secretary's `participant:set`. They start absent.
 */
export async function addDelegates(h: ServerAccess, count: number, prefix = 'db'): Promise<NewDelegate[]> {
  const admin = await h.login('admin');
  const secretary = await joinMeeting(h, 'thuky');
  const meetingId = secretary.meeting.id;
  try {
    return await mapLimit(
      Array.from({ length: count }, (_, i) => i),
      HASH_CONCURRENCY,
      async (i) => {
        const username = `${prefix}${String(i).padStart(4, '0')}`;
        const password = `mat-khau-${uuidv7()}`;
        const res = await fetch(`${h.server.url}/api/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
          body: JSON.stringify({ username, displayName: `Đại biểu ${i}`, password }),
        });
        if (res.status !== 201) throw new Error(`create ${username}: ${res.status} ${await res.text()}`);
        const { user } = (await res.json()) as { user: { id: string } };
        await sendOk(secretary.socket, 'participant:set', { meetingId, userId: user.id, role: 'delegate' });
        return { username, password, userId: user.id };
      },
    );
  } finally {
    secretary.socket.disconnect();
  }
}

/** POST /api/auth/login, as the web UI and the desktop do. */
export async function signIn(url: string, username: string, password: string): Promise<LoginResponse> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
  return (await res.json()) as LoginResponse;
}

/** Signs every delegate in, a few at a time; the tokens serve every later connection. */
export function signInAll(url: string, delegates: readonly NewDelegate[]): Promise<SignedIn[]> {
  return mapLimit(delegates, HASH_CONCURRENCY, async (d) => {
    const login = await signIn(url, d.username, d.password);
    return { username: d.username, userId: d.userId, token: login.token };
  });
}
