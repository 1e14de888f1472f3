import type { Migration } from './migration.js';

/**
 * Session, meetings and outbox. A meeting is one row holding its whole state and its
 * cursor, so saving it is atomic; the outbox keeps insertion order by an autoincrement id
 * (never reused, even after deletes) and refuses a second row for a command id.
 */
export const migration0010Initial: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE session (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        server_url TEXT NOT NULL,
        token TEXT NOT NULL,
        user_json TEXT NOT NULL
      ) STRICT;

      CREATE TABLE meetings (
        meeting_id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        state_json TEXT NOT NULL,
        saved_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        command_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
