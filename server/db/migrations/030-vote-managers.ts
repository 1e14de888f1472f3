import type { Database } from 'better-sqlite3';

/** Who runs a meeting's votes: the chair by default; a meeting may allow the secretary too. */
export function up(db: Database): void {
  db.exec(`ALTER TABLE meetings ADD COLUMN vote_managers TEXT NOT NULL DEFAULT '["chair"]';`);
}
