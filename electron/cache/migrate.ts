import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/index.js';

/** The cache file was written by a newer app; opening it would risk corrupting it. */
export class CacheTooNewError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `The offline cache was written by a newer version of Paperless Cabinet ` +
        `(schema ${fileVersion}; this app knows up to ${knownVersion}). ` +
        `Update the app, or delete the cache file to download everything again.`,
    );
    this.name = 'CacheTooNewError';
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema to the last migration. Each step runs in its own transaction together
 * with the new user_version, so a failed step leaves the file at the step before.
 */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) throw new CacheTooNewError(current, latest);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      // PRAGMA takes no parameters; the version is an integer we checked.
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
