import { MemoryClientStore, MeetingClient, type MeetingState } from '../../shared/client/index.js';
import { waitFor, type Harness } from './server-harness.js';

export interface Tablet {
  client: MeetingClient;
  store: MemoryClientStore;
  /** The (demo) meeting as this device holds it now. */
  meeting(): MeetingState;
  /**
   * Signs a demo account in on this device and waits until it is online and synced; the user
   * id. `serverUrl`: another node of the deployment, if given.
   */
  signIn(username: string, serverUrl?: string): Promise<string>;
}

/**
 * A device running the product's own client core, over a store that outlives whoever signs
 * in on it (a shared tablet keeps one store for everyone). `started` collects the clients so
 * the test can stop them.
 */
export function tablet(
  h: Pick<Harness, 'server' | 'account'>,
  started: MeetingClient[],
  store = new MemoryClientStore(),
): Tablet {
  const client = new MeetingClient({ store, fetch, socketOptions: { transports: ['websocket'] } });
  started.push(client);
  const meeting = () => Object.values(client.getState().meetings)[0] as MeetingState;
  return {
    client,
    store,
    meeting,
    async signIn(username, serverUrl = h.server.url) {
      const answer = await client.login({ serverUrl, username, password: h.account(username).password });
      if (!answer.ok) throw new Error(`sign-in ${username}: ${answer.error.code}`);
      await waitFor(() => client.getState().connection === 'online' && meeting() !== undefined);
      return client.getState().user?.id ?? '';
    },
  };
}
