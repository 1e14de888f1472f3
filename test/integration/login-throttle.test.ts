import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, MAX_SESSIONS_PER_USER } from '../../server/auth/sessions.js';
import { startHarness, type Harness } from '../support/server-harness.js';

// One server for the file: a start seeds seven scrypt hashes. Each test uses its own
// accounts, and the address's failures stay far below its limit of 30.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.cleanup();
});

function signIn(username: string, password: string): Promise<Response> {
  return fetch(`${h.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

async function storedHash(username: string): Promise<string> {
  const row = await h.server.store.db
    .selectFrom('users')
    .select('password_hash')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.password_hash;
}

async function sessionCount(userId: string): Promise<number> {
  const row = await h.server.store.db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.n;
}

describe('sign-in throttle under parallel attempts', () => {
  it('refuses most of 40 parallel wrong passwords for one account with 429', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => signIn('chutoa', 'sai-mat-khau')));
    const statuses = answers.map((a) => a.status);
    const limited = answers.filter((a) => a.status === 429);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(limited.length).toBeGreaterThanOrEqual(35);
    // The refusal says how long: the five-minute window, in the body, the header and the words.
    for (const answer of limited) {
      expect(answer.headers.get('retry-after')).toBe('300');
      expect(await answer.json()).toEqual({
        error: {
          code: 'RATE_LIMITED',
          message: {
            vi: 'Quá nhiều lần thử. Vui lòng thử lại sau 5 phút.',
            en: 'Too many attempts. Please try again in 5 minutes.',
          },
          retryAfterSeconds: 300,
        },
      });
    }

    // While the block lasts even the right password is refused for that account …
    const right = await signIn('chutoa', h.account('chutoa').password);
    expect(right.status).toBe(429);
    // … but the address is not locked out: it stays under its own, larger limit.
    expect((await h.login('daibieu3')).token).toEqual(expect.any(String));
  });

  it('never refuses parallel right passwords, even more than the failure limit for one account', async () => {
    // Only failures count: a tablet retrying, or several behind one NAT, must all get in.
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => signIn('daibieu1', h.account('daibieu1').password)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array<number>(8).fill(200));
  });
});

describe('password hashes made with older scrypt parameters', () => {
  it('still sign in, and are replaced by a hash with the current parameters', async () => {
    const { password } = h.account('daibieu2');
    const salt = randomBytes(16);
    const oldKey = scryptSync(password.normalize('NFC'), salt, 64, { N: 16384, r: 8, p: 1 });
    const oldHash = ['scrypt', 16384, 8, 1, salt.toString('base64'), oldKey.toString('base64')].join('$');
    await h.server.store.db
      .updateTable('users')
      .set({ password_hash: oldHash })
      .where('username', '=', 'daibieu2')
      .execute();

    // A wrong password proves nothing about the account and must not trigger the upgrade.
    expect((await signIn('daibieu2', 'sai-mat-khau')).status).toBe(401);
    expect(await storedHash('daibieu2')).toBe(oldHash);

    expect((await signIn('daibieu2', password)).status).toBe(200);
    const upgraded = await storedHash('daibieu2');
    expect(upgraded).not.toBe(oldHash);
    expect(upgraded).toMatch(/^scrypt\$16384\$8\$5\$/);

    expect((await signIn('daibieu2', password)).status).toBe(200);
    expect(await storedHash('daibieu2')).toBe(upgraded);
  });
});

describe('what sign-ins leave behind', () => {
  it('keeps no name that is no account in the audit log (a password typed there by mistake)', async () => {
    expect((await signIn('Mat-khau-bi-go-nham-123', 'x')).status).toBe(401);
    const rows = await h.server.store.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'auth:login-failed')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.detail).not.toContain('Mat-khau-bi-go-nham-123');
  });

  it('ends an idle session first, never the one a device is using, when a person passes twenty', async () => {
    const { socket, login } = await h.connect('daibieu2');
    for (let i = 0; i < MAX_SESSIONS_PER_USER - 1; i++)
      await createSession(h.server.store.db, login.user.id, new Date(Date.now() + i));
    // The twenty-first: the oldest session is the one the socket above uses, and it stays.
    expect((await signIn('daibieu2', h.account('daibieu2').password)).status).toBe(200);
    expect(await sessionCount(login.user.id)).toBe(MAX_SESSIONS_PER_USER);
    const me = await fetch(`${h.server.url}/api/auth/me`, { headers: { authorization: `Bearer ${login.token}` } });
    expect(me.status).toBe(200);
    expect(socket.connected).toBe(true);
    socket.disconnect();
  });

  it('keeps at most twenty sessions of one person: a new sign-in ends the oldest', async () => {
    const user = await h.server.store.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'daibieu3')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < MAX_SESSIONS_PER_USER + 5; i++)
      await createSession(h.server.store.db, user.id, new Date(Date.now() + i));
    expect(await sessionCount(user.id)).toBe(MAX_SESSIONS_PER_USER);
    const res = await signIn('daibieu3', h.account('daibieu3').password);
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const me = await fetch(`${h.server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
  });
});
