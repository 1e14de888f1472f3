import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../server/db/open-store.js';
import type { Db } from '../../server/db/schema.js';
import type { ServerAccess } from './crowd.js';
import { removeDataFolder } from './data-folder.js';
import { engineDatabase } from './postgres.js';
import type { TestSocket } from './server-harness.js';
import { access, freePort, ServerProcess } from './server-process.js';

export type Cleanups = Array<() => Promise<void> | void>;

export interface ProcessServer {
  server: ServerProcess;
  /** Sign-ins and sockets through the process (the crowd's and fixtures' interface). */
  h: ServerAccess;
  /** Where its database is: what `readStored` opens. */
  where: { dataDir: string; databaseUrl: string | undefined };
}

/**
 * A started server process on this run's engine (SQLite in its data folder, or a PostgreSQL
 * database of its own), in a new data folder unless one is given; `cleanups` gets what undoes
 * it all, in the order to run it backwards.
 */
export async function processServer(prefix: string, cleanups: Cleanups, dataDir?: string): Promise<ProcessServer> {
  // A folder given is SQLite's (the full disk); a new one goes with this run's engine.
  const where = dataDir
    ? { dataDir, databaseUrl: undefined }
    : await (async () => {
        const folder = mkdtempSync(join(tmpdir(), `cabinet-fault-${prefix}-`));
        const database = await engineDatabase();
        cleanups.push(
          () => removeDataFolder(folder),
          () => database.drop(),
        );
        return { dataDir: folder, databaseUrl: database.url };
      })();
  const server = new ServerProcess(where.dataDir, await freePort(), where.databaseUrl);
  const sockets: TestSocket[] = [];
  cleanups.push(
    () => server.kill(),
    () => sockets.forEach((s) => s.disconnect()),
  );
  await server.start();
  return { server, h: access(server, sockets), where };
}

/**
 * Reads what a server process left in its database, the way the next start would find it.
 * On SQLite the server holds the file alone: call this only while no server runs on it.
 */
export async function readStored<T>(where: ProcessServer['where'], read: (db: Db) => Promise<T>): Promise<T> {
  const store = await openStore(where);
  try {
    return await read(store.db);
  } finally {
    await store.close();
  }
}
