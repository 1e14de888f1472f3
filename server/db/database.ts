import BetterSqlite3, { type Database } from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';

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
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Database {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A changed secret ballot or a deleted row is overwritten, not left in a free page.
    db.pragma('secure_delete = ON');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function migrate(db: Database, migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = migrations[i - 1];
    if (previous && m.version <= previous.version) {
      throw new Error(`Migration ${m.version} (${m.name}) does not rise above ${previous.version}`);
    }
  });
  const known = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > known) throw new SchemaTooNewError(current, known);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
