import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, Person } from '../../shared/protocol/index.js';
import { ask, connectSocket, startHarness, type Harness, type TestSocket } from '../support/server-harness.js';

/**
 * Attacks on how a new password ends what the old one opened: a sign-in that checked the old
 * password while the office reset it (or disabled the account), and a password changed by
 * its owner while someone else (whoever held the one-time password) is still signed in.
 */
let h: Harness;
let admin: TestSocket;
let n = 0;

beforeAll(async () => {
  h = await startHarness();
  admin = (await h.connect('admin')).socket;
});
afterAll(async () => {
  admin?.disconnect();
  await h?.cleanup();
});

async function asks<T>(socket: TestSocket, event: string, payload: Record<string, unknown>): Promise<T> {
  const answer = await ask<T>(socket, event, payload);
  if (!answer.ok) throw new Error(`${event} refused: ${answer.error.code}`);
  return answer.data;
}

/** A person made by the office, signed in once so that their hash is at the full cost (a slow check). */
async function person(): Promise<{ id: string; username: string; password: string }> {
  const username = `phien${(n += 1)}`;
  const made = await asks<{ person: Person; password: { password: string } }>(admin, 'people:create', {
    username,
    displayName: 'Người thử',
    title: '',
    unit: '',
    seat: '',
    email: '',
    canCreateMeetings: false,
    managesPeople: false,
  });
  const first = await signIn(username, made.password.password);
  expect(first.status).toBe(200);
  return { id: made.person.id, username, password: made.password.password };
}

function signIn(username: string, password: string): Promise<Response> {
  return fetch(`${h.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

async function sessionsOf(userId: string): Promise<number> {
  const rows = await h.server.store.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
  return rows.length;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a sign-in racing the office', () => {
  for (const [what, act] of [
    ['a password reset', (userId: string) => asks(admin, 'people:reset-password', { userId })],
    ['disabling the account', (userId: string) => asks(admin, 'people:set-disabled', { userId, disabled: true })],
  ] as const)
    it(`makes no session with the old password once ${what} committed`, async () => {
      const survived: number[] = [];
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const p = await person();
        await h.server.store.db.deleteFrom('sessions').where('user_id', '=', p.id).execute();
        // The sign-in reads the account, then spends a quarter of a second checking the password.
        const login = signIn(p.username, p.password);
        await sleep(40 + attempt * 30);
        await act(p.id);
        const res = await login;
        survived.push(await sessionsOf(p.id));
        if (res.status === 200) {
          const { token } = (await res.json()) as LoginResponse;
          const me = await fetch(`${h.server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
          expect(me.status).toBe(401);
        }
      }
      expect(survived).toEqual([0, 0, 0]);
    });
});

describe('changing one’s own password', () => {
  it('ends the other sessions of the account (whoever held the one-time password), not this one', async () => {
    const p = await person();
    const other = (await (await signIn(p.username, p.password)).json()) as LoginResponse;
    const mine = (await (await signIn(p.username, p.password)).json()) as LoginResponse;
    const otherSocket = await connectSocket(h.server.url, other.token);
    const mySocket = await connectSocket(h.server.url, mine.token);
    const cut = new Promise((resolve) => otherSocket.once('disconnect', resolve));
    await asks(mySocket, 'account:change-password', { currentPassword: p.password, newPassword: 'mật-khẩu-riêng-1' });
    await cut;
    const me = (token: string) =>
      fetch(`${h.server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(await me(other.token)).toBe(401);
    expect(await me(mine.token)).toBe(200);
    expect(mySocket.connected).toBe(true);
    expect((await ask(mySocket, 'group:list', {})).ok).toBeDefined();
    mySocket.disconnect();
    otherSocket.disconnect();
  });
});
