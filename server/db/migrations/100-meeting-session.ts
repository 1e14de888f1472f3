import type { Database } from 'better-sqlite3';

/**
 * Running the meeting. `meetings.session` holds the session state as JSON (stage, current
 * item, the items' clocks), like `presentation`: it is read and written whole, always under
 * the meeting's lock. `speaker_requests` keeps every request to speak, the finished ones too,
 * because the minutes say who spoke on which item and for how long.
 *
 * `position` orders the waiting requests only; a partial unique index keeps one live request
 * (waiting or speaking) per person and meeting even if two commands raced past the check.
 */
const script = `
  ALTER TABLE meetings ADD COLUMN session TEXT;
  CREATE TABLE speaker_requests (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    agenda_item_id TEXT,
    point_of_order INTEGER NOT NULL CHECK (point_of_order IN (0, 1)),
    state TEXT NOT NULL CHECK (state IN ('waiting', 'speaking', 'done', 'withdrawn', 'removed')),
    position INTEGER NOT NULL,
    requested_at TEXT NOT NULL,
    started_at TEXT,
    ended_at TEXT,
    limit_seconds INTEGER
  );
  CREATE UNIQUE INDEX speaker_requests_live ON speaker_requests(meeting_id, user_id)
    WHERE state IN ('waiting', 'speaking');
  CREATE INDEX speaker_requests_meeting ON speaker_requests(meeting_id, state, position);
  CREATE INDEX speaker_requests_user ON speaker_requests(meeting_id, user_id, requested_at);
`;

export function sqlite(db: Database): void {
  db.exec(script);
}

export const postgres = script;
