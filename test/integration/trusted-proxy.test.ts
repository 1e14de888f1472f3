import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/server-harness.js';

/**
 * Behind a load balancer every client reaches the server from the balancer's address. With
 * `trustProxy` naming the balancer, the sign-in throttle counts the address the balancer
 * puts in X-Forwarded-For; without it, the header is anybody's forgery and is ignored.
 */
let behindBalancer: Harness;
let direct: Harness;
beforeAll(async () => {
  // The test's requests come from 127.0.0.1: here, that is the balancer.
  [behindBalancer, direct] = await Promise.all([startHarness({ trustProxy: ['127.0.0.1'] }), startHarness()]);
});
afterAll(async () => {
  await behindBalancer?.cleanup();
  await direct?.cleanup();
});

function signIn(h: Harness, forwardedFor: string, username: string, password: string): Promise<number> {
  return fetch(`${h.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ username, password }),
  }).then((r) => r.status);
}

async function failedAddresses(h: Harness, username: string): Promise<string[]> {
  const rows = await h.server.store.db
    .selectFrom('audit_log')
    .select('detail')
    .where('action', '=', 'auth:login-failed')
    .execute();
  return rows
    .map((r) => JSON.parse(r.detail ?? '{}') as { username?: string; address?: string })
    .filter((d) => d.username === username)
    .map((d) => d.address ?? '');
}

describe('sign-in throttle behind a trusted proxy', () => {
  it("counts the forwarded client's address: five wrong passwords lock out that address, not the name's owner elsewhere", async () => {
    const h = behindBalancer;
    const { password } = h.account('chutoa');
    for (let i = 0; i < 5; i++) expect(await signIn(h, '10.0.0.5', 'chutoa', `doan-bua-${i}`)).toBe(401);
    expect(await failedAddresses(h, 'chutoa')).toEqual(Array<string>(5).fill('10.0.0.5'));
    // The guesser's address is done for this name, even with the right password …
    expect(await signIn(h, '10.0.0.5', 'chutoa', password)).toBe(429);
    // … and cannot get out by putting another address in front: the balancer appends the
    // real one, and only the balancer is believed.
    expect(await signIn(h, '10.0.0.9, 10.0.0.5', 'chutoa', password)).toBe(429);
    // The chair, on her own tablet behind the same balancer, signs in.
    expect(await signIn(h, '10.0.0.6', 'chutoa', password)).toBe(200);
  });
});

describe('sign-in throttle without trusted proxies', () => {
  it('ignores a forged X-Forwarded-For: the failures count against the peer address', async () => {
    const h = direct;
    const { password } = h.account('daibieu1');
    for (let i = 0; i < 5; i++) expect(await signIn(h, `10.0.1.${i}`, 'daibieu1', `doan-bua-${i}`)).toBe(401);
    expect(await failedAddresses(h, 'daibieu1')).toEqual(Array<string>(5).fill('127.0.0.1'));
    // Another made-up address does not help: it is 127.0.0.1 that failed five times.
    expect(await signIn(h, '10.0.0.6', 'daibieu1', password)).toBe(429);
  });
});
