import type { Database } from 'better-sqlite3';

export function sqlite(db: Database): void {
  db.exec(`
    ALTER TABLE participants ADD COLUMN present INTEGER NOT NULL DEFAULT 0;

    CREATE TABLE votes (
      id TEXT PRIMARY KEY,
      meeting_id TEXT NOT NULL REFERENCES meetings(id),
      agenda_item_id TEXT,
      question TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('named', 'secret')),
      options TEXT NOT NULL,
      rule TEXT NOT NULL,
      base TEXT NOT NULL,
      quorum TEXT NOT NULL,
      allow_change INTEGER NOT NULL,
      duration_seconds INTEGER,
      status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'published', 'cancelled')),
      opened_at TEXT,
      opened_by TEXT,
      closes_at TEXT,
      closed_at TEXT,
      published_at TEXT,
      ballot_count INTEGER NOT NULL DEFAULT 0,
      -- The result is computed at close and kept here; it is shown only once published.
      result TEXT,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX votes_meeting ON votes(meeting_id);

    -- Who voted. No time, no order of casting (the key sorts by user id), no ballot id.
    CREATE TABLE vote_voters (
      vote_id TEXT NOT NULL REFERENCES votes(id),
      user_id TEXT NOT NULL REFERENCES users(id),
      PRIMARY KEY (vote_id, user_id)
    ) WITHOUT ROWID;

    -- What was chosen. Keyed by the SHA-256 of a secret only the voter's device holds, so
    -- rows sort in no order that follows casting. voter_id is set for named votes only.
    CREATE TABLE vote_ballots (
      vote_id TEXT NOT NULL REFERENCES votes(id),
      ballot_hash TEXT NOT NULL,
      voter_id TEXT,
      choices TEXT NOT NULL,
      PRIMARY KEY (vote_id, ballot_hash)
    ) WITHOUT ROWID;
  `);
}

export const postgres = `
  ALTER TABLE participants ADD COLUMN present integer NOT NULL DEFAULT 0;

  CREATE TABLE votes (
    id text PRIMARY KEY,
    meeting_id text NOT NULL REFERENCES meetings(id),
    agenda_item_id text,
    question text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('named', 'secret')),
    options text NOT NULL,
    rule text NOT NULL,
    base text NOT NULL,
    quorum text NOT NULL,
    allow_change integer NOT NULL,
    duration_seconds integer,
    status text NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'published', 'cancelled')),
    opened_at text,
    opened_by text,
    closes_at text,
    closed_at text,
    published_at text,
    ballot_count integer NOT NULL DEFAULT 0,
    result text,
    created_by text NOT NULL,
    created_at text NOT NULL
  );
  CREATE INDEX votes_meeting ON votes(meeting_id);

  CREATE TABLE vote_voters (
    vote_id text NOT NULL REFERENCES votes(id),
    user_id text NOT NULL REFERENCES users(id),
    PRIMARY KEY (vote_id, user_id)
  );

  CREATE TABLE vote_ballots (
    vote_id text NOT NULL REFERENCES votes(id),
    ballot_hash text NOT NULL,
    voter_id text,
    choices text NOT NULL,
    PRIMARY KEY (vote_id, ballot_hash)
  );
`;
