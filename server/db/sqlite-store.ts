import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { openDatabase, truncateJournal, type OpenOptions } from './database.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import type { Schema } from './schema.js';
import type { Store } from './store.js';

export interface SqliteStore extends Store {
  readonly dialect: 'sqlite';
  /** The better-sqlite3 handle, for the journal and for tests that read the file's pages. */
  readonly raw: BetterSqlite3.Database;
}

/**
 * The one-room database: one SQLite file, one connection. Kysely's SQLite driver holds that
 * connection for a whole transaction, so transactions never interleave: the locks of the
 * Store interface are already held.
 */
export function openSqliteStore(
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
  options: OpenOptions = {},
): SqliteStore {
  const raw = openDatabase(file, migrations, options);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  let closed = false;
  return {
    dialect: 'sqlite',
    db,
    raw,
    location: file,
    transaction: (work) => db.transaction().execute(work),
    snapshot: (work) => db.transaction().execute(work),
    // The one connection is the lock: no other transaction runs until this one ends.
    async lockMeeting() {},
    async lockName() {},
    async eraseOldRowImages() {
      // secure_delete zeroed the pages in the file; the write-ahead log still holds them.
      return truncateJournal(raw);
    },
    async close() {
      if (closed) return;
      closed = true;
      truncateJournal(raw);
      await db.destroy();
      // Kysely opens its driver on the first query only; a store never queried closes here.
      if (raw.open) raw.close();
    },
  };
}

/**
 * Kysely prepares every statement again on each call; the server runs the same few dozen
 * statements all day, so prepared statements are kept (SQLite compiles a statement in tens
 * of microseconds, a tenth of a ballot's time).
 */
function withStatementCache(raw: BetterSqlite3.Database): {
  close(): void;
  prepare(text: string): BetterSqlite3.Statement;
} {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => raw.close(),
    prepare(text) {
      // SQLite rolls a transaction back by itself on some errors (SQLITE_FULL at its commit);
      // Kysely's ROLLBACK after it would then fail and hide the error that says why.
      if (!raw.inTransaction && /^\s*rollback\s*;?\s*$/i.test(text)) return raw.prepare('SELECT 1 WHERE 0');
      let statement = cache.get(text);
      if (!statement) {
        if (cache.size >= 500) cache.clear();
        statement = raw.prepare(text);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}
