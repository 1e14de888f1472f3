import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SocketLimits } from '../../server/realtime/socket-server.js';
import { removeDataFolder } from '../support/data-folder.js';
import { createDatabase, dropDatabase, postgresAvailable } from '../support/postgres.js';
import { startHarness, type Harness, type TestSocket } from '../support/server-harness.js';
import { access, freePort, ServerProcess } from '../support/server-process.js';
import type { ServerAccess } from './accounts.js';

/** A running deployment the simulator can load: where delegates connect, and the demo staff's access. */
export interface Target {
  /** One URL per node; delegates are spread over them in turn. */
  urls: string[];
  /** Admin, secretary and chair of the demo meeting (through the first node). */
  access: ServerAccess;
  stop(): Promise<void>;
}

/** The real server in this process on a SQLite file in a temp folder (the test harness). */
export async function inProcess(socketLimits?: SocketLimits): Promise<Target & { harness: Harness }> {
  const harness = await startHarness(socketLimits ? { socketLimits } : {});
  return { harness, urls: [harness.server.url], access: harness, stop: () => harness.cleanup() };
}

/**
 * `count` server processes (`server/main.ts`, as deployed): on one SQLite file when `count`
 * is 1 and `postgres` is false, else on a new PostgreSQL database they share, the first one
 * seeding the demo. Only the first node is started here; `startRest` starts the others
 * (a benchmark measures one node of the deployment first).
 */
export async function serverProcesses(
  count: number,
  options: { postgres: boolean } = { postgres: count > 1 },
): Promise<Target & { nodes: ServerProcess[]; startRest(): Promise<void> }> {
  if (count > 1 && !options.postgres) throw new Error('several nodes share a PostgreSQL database');
  const database = options.postgres ? await createDatabase() : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'cabinet-sim-'));
  const nodes: ServerProcess[] = [];
  const sockets: TestSocket[] = [];
  const stop = async () => {
    for (const s of sockets) s.disconnect();
    for (const n of nodes) await n.kill();
    if (database) await dropDatabase(database.name);
    removeDataFolder(dataDir);
  };
  try {
    for (let i = 0; i < count; i++) nodes.push(new ServerProcess(dataDir, await freePort(), database?.url));
    await (nodes[0] as ServerProcess).start();
  } catch (error) {
    await stop();
    throw error;
  }
  let started = 1;
  return {
    nodes,
    urls: nodes.map((n) => n.url),
    access: access(nodes[0] as ServerProcess, sockets),
    async startRest() {
      for (; started < nodes.length; started++) await (nodes[started] as ServerProcess).start();
    },
    stop,
  };
}

/**
 * A server started elsewhere (`npm start -- --data DIR`): its URL, and its data folder for
 * the demo accounts' passwords (`demo-accounts.json`). Nothing is stopped.
 */
export function external(url: string, dataDir: string): Target {
  const sockets: TestSocket[] = [];
  // Never started: it only reads the demo accounts of that folder.
  const server = new ServerProcess(dataDir, 0);
  return {
    urls: [url],
    access: access(server, sockets, url),
    async stop() {
      for (const s of sockets) s.disconnect();
    },
  };
}

export { postgresAvailable };
