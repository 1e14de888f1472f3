import { afterEach, describe, expect, it } from 'vitest';
import { MemoryClientStore, MeetingClient } from '../../shared/client/index.js';
import { startHarness, waitFor, type Harness } from '../support/server-harness.js';

/**
 * The desktop app quitting while a sync is still being answered: the core is stopped and its
 * cache closed under the background steps that follow a sync (messages, invitations, papers).
 * Those find the cache closed; that must end quietly, not as an unhandled rejection (which
 * takes down the app's main process), and the core must still work once started again.
 */
let h: Harness | null = null;
afterEach(async () => {
  await h?.cleanup();
});

/** A memory store that, once "closed", answers as better-sqlite3 does on a closed database. */
class ClosingStore extends MemoryClientStore {
  closed = false;
  override listOutbox() {
    if (this.closed) throw new TypeError('The database connection is not open');
    return super.listOutbox();
  }
}

describe('a client core stopped in the middle of a sync', () => {
  it('leaves no unhandled rejection, and syncs again once started', { timeout: 30_000 }, async () => {
    h = await startHarness();
    const rejections: unknown[] = [];
    const record = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', record);
    try {
      const store = new ClosingStore();
      const client = new MeetingClient({ store, fetch, socketOptions: { transports: ['websocket'] } });
      // The moment the sync lands, the app quits: stop the core and close its cache.
      let quit = false;
      const unsubscribe = client.subscribe((state) => {
        if (quit || state.lastSyncAt === null) return;
        quit = true;
        // Its own task, as a quit is: never inside the sync's synchronous steps.
        setTimeout(() => {
          client.stop();
          store.closed = true;
        }, 0);
      });
      const login = await client.login({
        serverUrl: h.server.url,
        username: 'daibieu1',
        password: h.account('daibieu1').password,
      });
      expect(login.ok).toBe(true);
      await waitFor(() => quit, 10_000, 'synced and stopped');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(rejections.map((r) => (r instanceof Error ? r.stack : String(r)))).toEqual([]);
      unsubscribe();

      // Opened again: it syncs and lists its messages as before.
      store.closed = false;
      client.start();
      await waitFor(() => client.getState().connection === 'online', 10_000, 'online again');
      client.stop();
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});
