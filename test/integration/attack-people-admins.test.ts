import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../shared/protocol/index.js';
import { ask, connectSocket, startHarness, type Harness } from '../support/server-harness.js';

/**
 * Attacks on people requests that race each other: each checked the asker's account as it
 * was read before the transaction, so two writes that each undo the other's right both passed.
 */
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.cleanup();
});

async function signIn(username: string, password: string): Promise<LoginResponse> {
  const res = await fetch(`${h.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as LoginResponse;
}

describe('two administrators disabling each other at once', () => {
  it('leaves one of them able to sign in', async () => {
    const made: string[] = [];
    for (const username of ['quantri2', 'quantri3']) {
      const res = await fetch(`${h.server.url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${(await h.login('admin')).token}` },
        body: JSON.stringify({ username, displayName: username, password: 'mat-khau-quan-tri', isAdmin: true }),
      });
      expect(res.status).toBe(201);
      made.push(((await res.json()) as { user: { id: string } }).user.id);
    }
    const [a, b] = await Promise.all(
      ['quantri2', 'quantri3'].map(async (username) =>
        connectSocket(h.server.url, (await signIn(username, 'mat-khau-quan-tri')).token),
      ),
    );
    // The one disabled first is cut, its request refused or never answered.
    const answers = await Promise.all([
      ask(a!, 'people:set-disabled', { userId: made[1], disabled: true }).catch(() => ({ ok: false })),
      ask(b!, 'people:set-disabled', { userId: made[0], disabled: true }).catch(() => ({ ok: false })),
    ]);
    const rows = await h.server.store.db
      .selectFrom('users')
      .select(['id', 'disabled'])
      .where('id', 'in', made)
      .execute();
    expect(answers.filter((x) => x.ok)).toHaveLength(1);
    expect(rows.filter((r) => r.disabled === 0)).toHaveLength(1);
    a!.disconnect();
    b!.disconnect();
  });
});

describe('an import still under way when its sender is disabled', () => {
  it('creates nobody', async () => {
    const admin = (await h.connect('admin')).socket;
    const made = await ask<{ person: { id: string }; password: { password: string } }>(admin, 'people:create', {
      username: 'quanlynhansu',
      displayName: 'Quản lý nhân sự',
      title: '',
      unit: '',
      seat: '',
      email: '',
      canCreateMeetings: false,
      managesPeople: true,
    });
    if (!made.ok) throw new Error(made.error.code);
    const first = await signIn('quanlynhansu', made.data.password.password);
    const socket = await connectSocket(h.server.url, first.token);
    const changed = await ask(socket, 'account:change-password', {
      currentPassword: made.data.password.password,
      newPassword: 'mat-khau-quan-ly-nhan-su',
    });
    expect(changed.ok).toBe(true);
    socket.disconnect();
    const lines = ['username,displayName', ...Array.from({ length: 2000 }, (_, i) => `nhap${i},Người nhập ${i}`)];
    // The file is read and its 2000 one-time passwords hashed before the transaction: a second or more.
    const started = Date.now();
    const importing = fetch(`${h.server.url}/api/users/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${first.token}` },
      body: `${lines.join('\n')}\n`,
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const disabled = await ask(admin, 'people:set-disabled', { userId: made.data.person.id, disabled: true });
    expect(disabled.ok).toBe(true);
    const answer = await importing;
    const took = Date.now() - started;
    const created = await h.server.store.db
      .selectFrom('users')
      .select('id')
      .where('username', 'like', 'nhap%')
      .execute();
    // Only meaningful if the import was still under way when the account was disabled.
    expect(took).toBeGreaterThan(300);
    expect([answer.status, created.length]).toEqual([403, 0]);
  });
});
