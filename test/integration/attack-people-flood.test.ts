import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, Person } from '../../shared/protocol/index.js';
import { ask, connectSocket, startHarness, type Harness, type TestSocket } from '../support/server-harness.js';

/**
 * Attacks on the password hashing threads: every `account:change-password` costs two hashes
 * at the full cost (the current password checked, the new one hashed), a quarter of a second
 * each on one of libuv's four threads, which the sign-ins of the whole room share. Any signed-in
 * person, with a few sockets of one sign-in, must not be able to keep them all busy.
 */
let h: Harness;
let admin: TestSocket;

beforeAll(async () => {
  h = await startHarness();
  admin = (await h.connect('admin')).socket;
});
afterAll(async () => {
  admin?.disconnect();
  await h?.cleanup();
});

describe('a flood of password changes', () => {
  it('is slowed down before it keeps the sign-ins of others waiting', async () => {
    const made = await ask<{ person: Person; password: { password: string } }>(admin, 'people:create', {
      username: 'lutdoi',
      displayName: 'Người đổi mật khẩu',
      title: '',
      unit: '',
      seat: '',
      email: '',
      canCreateMeetings: false,
      managesPeople: false,
    });
    if (!made.ok) throw new Error('not created');
    const password = made.data.password.password;
    const login = (await (
      await fetch(`${h.server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'lutdoi', password }),
      })
    ).json()) as LoginResponse;
    const quiet = Date.now();
    await h.login('daibieu3');
    const baseline = Date.now() - quiet;
    const sockets = await Promise.all(Array.from({ length: 8 }, () => connectSocket(h.server.url, login.token)));
    const until = Date.now() + 6000;
    // Answered other than RATE_LIMITED: each of them was two hashes at the full cost.
    let admitted = 0;
    let limited = 0;
    // The same password again and again: each change checks and hashes at the full cost.
    const flood = sockets.map(async (socket) => {
      while (Date.now() < until && socket.connected) {
        const answer = await ask(
          socket,
          'account:change-password',
          {
            currentPassword: password,
            newPassword: password,
          },
          30_000,
        );
        if (answer.ok || answer.error.code !== 'RATE_LIMITED') admitted += 1;
        else {
          limited += 1;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const started = Date.now();
    await h.login('daibieu3');
    const signIn = Date.now() - started;
    await Promise.all(flood);
    for (const s of sockets) s.disconnect();
    // Three at once, then one and a half a second: some twelve in six seconds, whatever the sockets.
    expect(limited).toBeGreaterThan(0);
    expect(admitted).toBeLessThanOrEqual(12);
    // On a loaded machine a sign-in is slow anyway; behind 16 hashes it was ten times slower.
    expect(signIn).toBeLessThan(Math.max(2000, baseline * 5));
  });
});
