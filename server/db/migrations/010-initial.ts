import type { Database } from 'better-sqlite3';

export function sqlite(db: Database): void {
  db.exec(`
    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      display_name TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      is_admin INTEGER NOT NULL DEFAULT 0,
      can_create_meetings INTEGER NOT NULL DEFAULT 0,
      disabled INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    );

    -- The id is the SHA-256 of the token: a stolen database file yields no usable token.
    CREATE TABLE sessions (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    );
    CREATE INDEX sessions_user ON sessions(user_id);

    CREATE TABLE meetings (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      starts_at TEXT NOT NULL,
      place TEXT NOT NULL,
      organisation TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
      published_at TEXT,
      created_by TEXT NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL,
      -- The last sequence number of this meeting's change log.
      seq INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE agenda_items (
      id TEXT PRIMARY KEY,
      meeting_id TEXT NOT NULL REFERENCES meetings(id),
      parent_id TEXT REFERENCES agenda_items(id),
      position INTEGER NOT NULL,
      title TEXT NOT NULL,
      presenter TEXT NOT NULL,
      planned_minutes INTEGER NOT NULL
    );
    CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id);

    CREATE TABLE participants (
      meeting_id TEXT NOT NULL REFERENCES meetings(id),
      user_id TEXT NOT NULL REFERENCES users(id),
      role TEXT NOT NULL CHECK (role IN ('secretary', 'chair', 'delegate', 'observer')),
      PRIMARY KEY (meeting_id, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX participants_user ON participants(user_id);

    CREATE TABLE meeting_changes (
      meeting_id TEXT NOT NULL REFERENCES meetings(id),
      seq INTEGER NOT NULL,
      type TEXT NOT NULL,
      data TEXT NOT NULL,
      actor_id TEXT NOT NULL,
      command_id TEXT NOT NULL,
      at TEXT NOT NULL,
      PRIMARY KEY (meeting_id, seq)
    ) WITHOUT ROWID;

    -- One row per applied command: a replayed id answers with the stored receipt.
    CREATE TABLE commands (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      name TEXT NOT NULL,
      payload_hash TEXT NOT NULL,
      receipt TEXT NOT NULL,
      at TEXT NOT NULL
    );

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor_id TEXT,
      action TEXT NOT NULL,
      meeting_id TEXT,
      detail TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    );

    -- History is append-only: refuse edits at the lowest level, not only in code.
    CREATE TRIGGER meeting_changes_no_update BEFORE UPDATE ON meeting_changes
      BEGIN SELECT RAISE(ABORT, 'meeting_changes is append-only'); END;
    CREATE TRIGGER meeting_changes_no_delete BEFORE DELETE ON meeting_changes
      BEGIN SELECT RAISE(ABORT, 'meeting_changes is append-only'); END;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `);
}

/**
 * The same tables on PostgreSQL. A user name is unique without regard to case (SQLite's
 * NOCASE), by an index on lower(username); the append-only history is kept by triggers.
 */
export const postgres = `
  CREATE TABLE users (
    id text PRIMARY KEY,
    username text NOT NULL,
    display_name text NOT NULL,
    password_hash text NOT NULL,
    is_admin integer NOT NULL DEFAULT 0,
    can_create_meetings integer NOT NULL DEFAULT 0,
    disabled integer NOT NULL DEFAULT 0,
    created_at text NOT NULL
  );
  CREATE UNIQUE INDEX users_username ON users (lower(username));

  CREATE TABLE sessions (
    id text PRIMARY KEY,
    user_id text NOT NULL REFERENCES users(id),
    created_at text NOT NULL,
    expires_at text NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);

  CREATE TABLE meetings (
    id text PRIMARY KEY,
    title text NOT NULL,
    starts_at text NOT NULL,
    place text NOT NULL,
    organisation text NOT NULL,
    status text NOT NULL CHECK (status IN ('draft', 'published')),
    published_at text,
    created_by text NOT NULL REFERENCES users(id),
    created_at text NOT NULL,
    seq integer NOT NULL DEFAULT 0
  );

  CREATE TABLE agenda_items (
    id text PRIMARY KEY,
    meeting_id text NOT NULL REFERENCES meetings(id),
    parent_id text REFERENCES agenda_items(id),
    position integer NOT NULL,
    title text NOT NULL,
    presenter text NOT NULL,
    planned_minutes integer NOT NULL
  );
  CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id);

  CREATE TABLE participants (
    meeting_id text NOT NULL REFERENCES meetings(id),
    user_id text NOT NULL REFERENCES users(id),
    role text NOT NULL CHECK (role IN ('secretary', 'chair', 'delegate', 'observer')),
    PRIMARY KEY (meeting_id, user_id)
  );
  CREATE INDEX participants_user ON participants(user_id);

  CREATE TABLE meeting_changes (
    meeting_id text NOT NULL REFERENCES meetings(id),
    seq integer NOT NULL,
    type text NOT NULL,
    data text NOT NULL,
    actor_id text NOT NULL,
    command_id text NOT NULL,
    at text NOT NULL,
    PRIMARY KEY (meeting_id, seq)
  );

  CREATE TABLE commands (
    id text PRIMARY KEY,
    user_id text NOT NULL,
    name text NOT NULL,
    payload_hash text NOT NULL,
    receipt text NOT NULL,
    at text NOT NULL
  );

  CREATE TABLE audit_log (
    id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at text NOT NULL,
    actor_id text,
    action text NOT NULL,
    meeting_id text,
    detail text NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL
  );

  CREATE FUNCTION cabinet_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END
  $$;
  CREATE TRIGGER meeting_changes_append_only BEFORE UPDATE OR DELETE ON meeting_changes
    FOR EACH ROW EXECUTE FUNCTION cabinet_append_only();
  CREATE TRIGGER meeting_changes_no_truncate BEFORE TRUNCATE ON meeting_changes
    FOR EACH STATEMENT EXECUTE FUNCTION cabinet_append_only();
  CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION cabinet_append_only();
  CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION cabinet_append_only();
`;
