import type { Database } from 'better-sqlite3';

/** Who runs a meeting's votes: the chair by default; a meeting may allow the secretary too. */
export function sqlite(db: Database): void {
  db.exec(`ALTER TABLE meetings ADD COLUMN vote_managers TEXT NOT NULL DEFAULT '["chair"]';`);
}

export const postgres = `ALTER TABLE meetings ADD COLUMN vote_managers text NOT NULL DEFAULT '["chair"]';`;
