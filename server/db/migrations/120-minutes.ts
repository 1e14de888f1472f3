import type { Database } from 'better-sqlite3';

/**
 * The secretary's draft of the minutes: one per meeting, the whole content as JSON (the
 * protocol's MinutesContent, at most one socket message), with a version so that two
 * secretaries never silently overwrite each other. The minutes are for the secretaries, the
 * chair and admins: the draft never enters the meeting's change log.
 */
const script = `
  CREATE TABLE meeting_minutes (
    meeting_id TEXT PRIMARY KEY REFERENCES meetings(id),
    content TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id)
  );
`;

export function sqlite(db: Database): void {
  db.exec(script);
}

export const postgres = script;
