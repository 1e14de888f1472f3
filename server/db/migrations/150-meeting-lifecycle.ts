import type { Database } from 'better-sqlite3';

/**
 * Meetings over time (issue 13): invitations and their replies; a meeting called off,
 * put off, archived.
 *
 * Meetings gain three columns: `cancellation` and `postponement` hold JSON (when, why; for a
 * postponement the date it had and whether the new one is still to be announced), and
 * `archived_at` takes it out of the default list. None changes `status` (draft, published,
 * closed): SQLite cannot widen that column's CHECK without rebuilding the table, and a
 * cancelled meeting keeps what it was.
 *
 * An invitation is one row per participant of a sent-out meeting, with its one reply:
 * `pending` until the person answers, `attend`, or `absent` with a reason. `rev` is the
 * row's own count of writes (the order of its copies on a device).
 */
const table = `
  CREATE TABLE meeting_invitations (
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    sent_at TEXT NOT NULL,
    reply TEXT NOT NULL CHECK (reply IN ('pending', 'attend', 'absent')),
    reason TEXT NOT NULL,
    replied_at TEXT,
    rev INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, user_id),
    CHECK (reply <> 'absent' OR length(reason) > 0),
    CHECK ((reply = 'pending') = (replied_at IS NULL))
  );
`;

const columns = `
  ALTER TABLE meetings ADD COLUMN cancellation TEXT;
  ALTER TABLE meetings ADD COLUMN postponement TEXT;
  ALTER TABLE meetings ADD COLUMN archived_at TEXT;
`;

export function sqlite(db: Database): void {
  db.exec(columns + table);
}

export const postgres = columns + table;
