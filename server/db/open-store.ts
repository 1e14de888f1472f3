import { join } from 'node:path';
import { openPostgresStore } from './postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

export const DATABASE_FILE = 'cabinet.sqlite';

/**
 * PostgreSQL when a `postgres://` URL is given (a city-wide deployment, several nodes);
 * otherwise the SQLite file in the data folder (one room, nothing to install).
 */
export async function openStore(options: { dataDir: string; databaseUrl?: string | undefined }): Promise<Store> {
  const url = options.databaseUrl;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error('CABINET_DATABASE_URL must be a postgres:// URL (leave it unset for the SQLite file)');
    }
    return openPostgresStore(url);
  }
  return openSqliteStore(join(options.dataDir, DATABASE_FILE));
}
