import type { Database } from 'better-sqlite3';

/**
 * Devices (issue 13, "Devices"): every client names its device by an id of its own making
 * (a UUID, kept in the desktop's cache or the browser's storage), once per person who
 * uses it: a tablet two people share is two rows of one id. `last_seen_at` moves at most
 * once a minute. An admin revokes a device: every row of its id is marked, its
 * certificates revoked, its sessions ended; a sign-in or a connection naming it is then
 * refused, and the device wipes its cache. `sessions.device_id` is the device a session was
 * signed in from (null for sessions older than this version, or a client that names none).
 */
const script = `
  CREATE TABLE devices (
    id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    platform TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    revoked_at TEXT,
    revoked_by TEXT REFERENCES users(id),
    PRIMARY KEY (id, user_id),
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
  );
  CREATE INDEX devices_user ON devices(user_id, last_seen_at);
  ALTER TABLE sessions ADD COLUMN device_id TEXT;
  CREATE INDEX sessions_device ON sessions(device_id);
`;

export function sqlite(db: Database): void {
  db.exec(script);
}

export const postgres = script;
