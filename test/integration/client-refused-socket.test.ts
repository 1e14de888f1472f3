import { afterEach, describe, expect, it } from 'vitest';
import { MemoryClientStore, MeetingClient } from '../../shared/client/index.js';
import { connectSocket, startHarness, waitFor, type Harness } from '../support/server-harness.js';

let h: Harness | null = null;
const clients: MeetingClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.stop();
  await h?.cleanup();
});

describe('the client core refused a socket by the server', () => {
  it('tries again later by itself and comes online once a place is free', { timeout: 30_000 }, async () => {
    h = await startHarness({ socketLimits: { burst: 300, eventsPerSecond: 150, socketsPerSession: 1 } });
    const store = new MemoryClientStore();
    const client = new MeetingClient({ store, fetch, socketOptions: { transports: ['websocket'] } });
    clients.push(client);
    const login = await client.login({
      serverUrl: h.server.url,
      username: 'daibieu1',
      password: h.account('daibieu1').password,
    });
    expect(login.ok).toBe(true);
    await waitFor(() => client.getState().connection === 'online');
    // Another tab of the same sign-in takes the only place while this one is away.
    client.stop();
    const other = await connectSocket(h.server.url, store.loadSession()?.token ?? '');
    client.start();
    await waitFor(() => client.getState().connection === 'offline', 5000, 'refused');
    other.disconnect();
    await waitFor(() => client.getState().connection === 'online', 15_000, 'back online by itself');
  });
});
