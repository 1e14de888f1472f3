import type { Database } from 'better-sqlite3';

/**
 * One step of the offline cache's schema. Each lives in its own file and is never edited once
 * shipped: a tablet in the field may hold any earlier version.
 */
export interface Migration {
  /** A multiple of ten, higher than the one before, so a fix can slot in between later. */
  version: number;
  name: string;
  up(db: Database): void;
}

/** Refuses a list whose numbers do not rise in steps that are multiples of ten. */
export function checkedMigrations(migrations: readonly Migration[]): readonly Migration[] {
  let previous = 0;
  for (const migration of migrations) {
    if (!Number.isInteger(migration.version) || migration.version % 10 !== 0) {
      throw new Error(`Migration ${migration.version} (${migration.name}): numbers go in steps of ten`);
    }
    if (migration.version <= previous) {
      throw new Error(`Migration ${migration.version} (${migration.name}) must come after ${previous}`);
    }
    previous = migration.version;
  }
  return Object.freeze([...migrations]);
}
