import { afterEach, beforeEach } from 'vitest';
import type { MeetingClient } from '../../shared/client/index.js';
import type { RunningServer } from '../../server/app.js';
import type { ClientDelegate } from './crowd.js';
import { startHarness, type Harness, type TestSocket } from './server-harness.js';

type HarnessOptions = Parameters<typeof startHarness>[0];

/** A server of its own for each test of a file, and what the test opens against it. */
export interface ServerEachTest {
  /** The running test's server: every test starts from the seeded demo meeting. */
  h: Harness;
  /** Client cores (tablets) the test started. */
  clients: MeetingClient[];
  /** Raw sockets the test opened itself. */
  sockets: TestSocket[];
  /** Delegates on client cores of their own (`crowdOfClients`). */
  crowd: ClientDelegate[];
  /** Further nodes of the deployment on the harness's database. */
  nodes: RunningServer[];
  /** Puts a fresh server started with other options (a limit under test) in place of this test's. */
  replaceServer(options: HarnessOptions): Promise<void>;
}

/**
 * Starts a fresh server before each test of the file and takes it all down after it. Client
 * cores reconnect by themselves, so they are stopped first, before anything they talk to
 * goes; further nodes close before the harness drops the database they share.
 */
export function serverEachTest(options: HarnessOptions = {}): ServerEachTest {
  let current: Harness | undefined;
  const running = (): Harness => {
    if (!current) throw new Error('no server outside a test');
    return current;
  };
  const opened: Omit<ServerEachTest, 'h' | 'replaceServer'> = { clients: [], sockets: [], crowd: [], nodes: [] };
  beforeEach(async () => {
    current = await startHarness(options);
  });
  afterEach(async () => {
    for (const c of opened.clients.splice(0)) c.stop();
    for (const d of opened.crowd.splice(0)) d.client.stop();
    for (const s of opened.sockets.splice(0)) s.disconnect();
    for (const n of opened.nodes.splice(0)) await n.close();
    await current?.cleanup();
    current = undefined;
  });
  return {
    ...opened,
    h: {
      get server() {
        return running().server;
      },
      get dataDir() {
        return running().dataDir;
      },
      get databaseUrl() {
        return running().databaseUrl;
      },
      account: (username) => running().account(username),
      login: (username) => running().login(username),
      connect: (username) => running().connect(username),
      restart: () => running().restart(),
      stop: () => running().stop(),
      start: () => running().start(),
      cleanup: () => running().cleanup(),
    },
    async replaceServer(other) {
      await running().cleanup();
      current = await startHarness(other);
    },
  };
}
