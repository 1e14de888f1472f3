import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Migration } from '../../server/db/migrations/index.js';
import { openPostgresStore } from '../../server/db/postgres-store.js';
import { openSqliteStore } from '../../server/db/sqlite-store.js';
import type { Store } from '../../server/db/store.js';
import { createDatabase, dropDatabase, TEST_ENGINE } from './postgres.js';

/**
 * A database of the engine this test run is for (see postgres.ts), without a server: for
 * tests of migrations and queries. `open` may be called again with other migrations (the
 * same database, upgraded).
 */
export interface TestDatabase {
  engine: 'sqlite' | 'postgres';
  open(migrations?: readonly Migration[]): Promise<Store>;
  /** Runs statements one by one (no parameters), for fixtures written in plain SQL. */
  exec(store: Store, statements: string[]): Promise<void>;
  cleanup(): Promise<void>;
}

export async function testDatabase(): Promise<TestDatabase> {
  const opened: Store[] = [];
  let dropped: () => Promise<void>;
  let open: (migrations?: readonly Migration[]) => Promise<Store>;
  if (TEST_ENGINE === 'postgres') {
    const db = await createDatabase();
    open = (migrations) => openPostgresStore(db.url, migrations ? { migrations } : {});
    dropped = () => dropDatabase(db.name);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'cabinet-db-'));
    const file = join(dir, 'db.sqlite');
    open = async (migrations) => openSqliteStore(file, migrations);
    dropped = async () => rmSync(dir, { recursive: true, force: true });
  }
  return {
    engine: TEST_ENGINE,
    async open(migrations) {
      const store = await open(migrations);
      opened.push(store);
      return store;
    },
    async exec(store, statements) {
      for (const s of statements) await sql.raw(s).execute(store.db);
    },
    async cleanup() {
      for (const s of opened) await s.close();
      await dropped();
    },
  };
}
