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
