import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/server-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.cleanup();
});

describe('the bearer token of a socket', () => {
  it('is dropped from the handshake once checked: nothing that copies a socket (fetchSockets, an adapter) can carry it', async () => {
    const { socket, login } = await h.connect('daibieu1');
    const found = await h.server.io.local.fetchSockets();
    const mine = found.find((s) => s.id === socket.id);
    expect(mine).toBeDefined();
    expect(mine?.handshake.auth).not.toHaveProperty('token');
    expect(JSON.stringify(mine?.handshake)).not.toContain(login.token);
    // The socket still works: it was authenticated before the token went.
    const answer = await socket.timeout(5000).emitWithAck('session:sync', { cursors: {} });
    expect(answer.ok).toBe(true);
  });
});
