import { uuidv7 } from 'uuidv7';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryClientStore, MeetingClient } from '../../shared/client/index.js';
import { startHarness, type Harness } from '../support/server-harness.js';

/**
 * ATTACK (issue 15): a browser's offline store that holds a person's queued work but no session
 * (what renderer/src/client/attack-indexeddb.test.ts shows a second tab writing back after the
 * first tab's sign-out, then a reload). Whoever signs in next on that browser must start from
 * nothing: the client cannot tell whose the leftovers are, so they are not theirs.
 */

let h: Harness | null = null;
const clients: MeetingClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.stop();
  await h?.cleanup();
});

describe('ATTACK: leftovers of an unknown person in the offline store', () => {
  it(
    'the next person to sign in neither sees nor sends the queued command of the one before',
    { timeout: 30_000 },
    async () => {
      h = await startHarness();
      const before = (await h.login('daibieu1')).user;
      const store = new MemoryClientStore();
      const commandId = uuidv7();
      // daibieu1's request to speak, queued offline, left in the store with no session beside it.
      store.addToOutbox({
        commandId,
        name: 'speaker:request',
        payload: { commandId, meetingId: uuidv7(), requestId: uuidv7(), pointOfOrder: false },
        createdAt: new Date().toISOString(),
      });
      expect(store.loadSession()).toBeNull();

      const client = new MeetingClient({ store, fetch, socketOptions: { transports: ['websocket'] } });
      clients.push(client);
      const login = await client.login({
        serverUrl: h.server.url,
        username: 'daibieu2',
        password: h.account('daibieu2').password,
      });
      expect(login.ok).toBe(true);
      expect(login.ok && login.data.id).not.toBe(before.id);
      expect(client.getState().pendingCommands).toBe(0);
      expect(store.listOutbox()).toEqual([]);
    },
  );
});
