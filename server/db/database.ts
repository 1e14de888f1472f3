import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { checkMigrationOrder, MIGRATIONS, type Migration } from './migrations/index.js';

export type { Database };

export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(
      `The database was written by a newer version of the server (schema ${found}, this server knows ${known}). ` +
        'Upgrade the server, or restore a backup made by this version.',
    );
  }
}

/**
 * Opens the meeting database. WAL lets readers (sync, snapshots) run beside the writer;
 * synchronous=FULL makes a committed ballot, approval or change survive a power cut.
 */
export class DatabaseInUseError extends Error {
  constructor(file: string) {
    super(
      `The database ${file} is in use by another process (another meeting server on the same data folder, ` +
        'or a tool holding it open). Stop it, or give this server its own data folder.',
    );
  }
}

export interface OpenOptions {
  /**
   * The server holds the file alone (SQLite's exclusive locking mode), and keeps the WAL
   * index in its own memory, not in a -shm file. No other process can then hold a read
   * snapshot that would stop the log from being truncated after a secret vote is sealed,
   * nor read ballots mid-vote. Tests that play two nodes on one file turn it off.
   */
  exclusive?: boolean;
}

export function openDatabase(
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
  options: OpenOptions = {},
): Database {
  makePrivate(file);
  const db = new BetterSqlite3(file);
  try {
    if (options.exclusive ?? true) {
      db.pragma('locking_mode = EXCLUSIVE');
      try {
        // The first access takes the lock for good; a busy file fails here, at once.
        db.pragma('busy_timeout = 0');
        db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
        db.exec('BEGIN IMMEDIATE; COMMIT;');
      } catch (error) {
        if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new DatabaseInUseError(file);
        throw error;
      }
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A changed secret ballot or a deleted row is overwritten, not left in a free page.
    db.pragma('secure_delete = ON');
    // A savepoint's journal of original page images (a batch of ballots) spills to a temp
    // file outside the data folder past a size: kept in memory, it never reaches a disk.
    db.pragma('temp_store = MEMORY');
    migrate(db, migrations);
    // A server stopped hard after a vote was sealed, before its log was truncated.
    truncateJournal(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The database file is readable by the server's own OS user only. SQLite gives its -wal and
 * -shm files the mode of the database file, so creating that one 0600 covers all three;
 * files of an older install are narrowed too.
 */
function makePrivate(file: string): void {
  if (file === ':memory:') return;
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/**
 * Copies the write-ahead log into the database and truncates it to zero bytes, so that old
 * page images (a secret ballot box before it was sealed) are no longer in any file. Needs
 * no reader holding an old snapshot; the server has one connection, so it answers true
 * unless called inside a transaction.
 */
export function truncateJournal(db: Database): boolean {
  if (db.inTransaction) return false;
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
  return result?.busy === 0;
}

export function migrate(db: Database, migrations: readonly Migration[]): void {
  checkMigrationOrder(migrations);
  const known = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > known) throw new SchemaTooNewError(current, known);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.sqlite(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
