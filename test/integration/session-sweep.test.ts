import { afterEach, describe, expect, it } from 'vitest';
import { nextEvent, startHarness, type Harness } from '../support/server-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
});

describe('sockets of ended sessions', () => {
  it('are cut even when they only listen', async () => {
    h = await startHarness({ sessionSweepMs: 100 });
    const listener = await h.connect('daibieu1');
    const other = await h.connect('daibieu2');
    const cut = nextEvent(listener.socket, 'disconnect', 3000);
    // The session expires (as if 24 h had passed) while the tablet says nothing.
    await h.server.store.db
      .updateTable('sessions')
      .set({ expires_at: '2000-01-01T00:00:00.000Z' })
      .where('user_id', '=', listener.login.user.id)
      .execute();
    await cut;
    await new Promise((r) => setTimeout(r, 300));
    expect(other.socket.connected).toBe(true);
  });
});
