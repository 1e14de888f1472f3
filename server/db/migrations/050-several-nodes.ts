import type { Database } from 'better-sqlite3';

/**
 * For several nodes on one database. The audit log becomes one hash chain per meeting (and one, `global`, for acts outside any
 * meeting: sign-ins, accounts). With several nodes writing at once, a single chain would
 * fork or make every act in the city wait for one row; a meeting's commands already run one
 * after the other under its row lock, so its chain stays linear. Rows written before this
 * migration form the `global` chain as they were hashed. `audit_heads` holds each chain's
 * last hash: a row cut from a chain's tail no longer goes unnoticed.
 *
 * Every node asks once a second for open votes past their deadline: an index of open votes
 * by deadline answers it without reading every vote ever held.
 *
 * On PostgreSQL only (one SQLite file has one node, which keeps these in memory):
 * - the Socket.IO adapter keeps packets too large for NOTIFY in `socket_io_attachments`
 *   (the table its documentation gives);
 * - `sign_in_marks`: the sign-in throttle's failures, successes and slots in flight, shared
 *   by every node (keys are hashed; rows older than the throttle's window are deleted);
 * - `event_budgets`: each user's event budget, from which nodes lease tokens;
 * - `vote_ballots` and `vote_voters` partitioned by vote (one partition per vote, made at
 *   vote:create), so that erasing a sealed secret box rewrites that vote's rows alone; they
 *   carry no foreign keys (attaching a partition would copy them, locking every write to
 *   votes and users in the city until the vote:create commits; the commands check both), and
 *   `ballot_box_erasures`, the seals whose old row versions are still to be erased
 *   (server/votes/ballot-box-erasure.ts).
 */
export function sqlite(db: Database): void {
  db.exec(`
    ALTER TABLE audit_log ADD COLUMN chain TEXT NOT NULL DEFAULT 'global';
    CREATE INDEX audit_log_chain ON audit_log(chain, id);
    CREATE TABLE audit_heads (chain TEXT PRIMARY KEY, hash TEXT NOT NULL) WITHOUT ROWID;
    INSERT INTO audit_heads (chain, hash) SELECT 'global', hash FROM audit_log ORDER BY id DESC LIMIT 1;
    CREATE INDEX votes_open_deadline ON votes(closes_at) WHERE status = 'open';
  `);
}

export const postgres = `
  ALTER TABLE audit_log ADD COLUMN chain text NOT NULL DEFAULT 'global';
  CREATE INDEX audit_log_chain ON audit_log(chain, id);
  CREATE TABLE audit_heads (chain text PRIMARY KEY, hash text NOT NULL);
  INSERT INTO audit_heads (chain, hash) SELECT 'global', hash FROM audit_log ORDER BY id DESC LIMIT 1;
  CREATE INDEX votes_open_deadline ON votes(closes_at) WHERE status = 'open';

  CREATE TABLE socket_io_attachments (
    id bigserial UNIQUE,
    created_at timestamptz DEFAULT NOW(),
    payload bytea
  );

  CREATE TABLE sign_in_marks (
    key text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('failure', 'success', 'slot')),
    attempt text,
    at bigint NOT NULL
  );
  CREATE INDEX sign_in_marks_key ON sign_in_marks(key, kind, at);
  CREATE INDEX sign_in_marks_attempt ON sign_in_marks(attempt);

  CREATE TABLE event_budgets (
    user_id text PRIMARY KEY,
    tokens double precision NOT NULL,
    at bigint NOT NULL
  );

  ALTER TABLE vote_ballots RENAME TO vote_ballots_single;
  ALTER INDEX vote_ballots_pkey RENAME TO vote_ballots_single_pkey;
  ALTER TABLE vote_voters RENAME TO vote_voters_single;
  ALTER INDEX vote_voters_pkey RENAME TO vote_voters_single_pkey;
  CREATE TABLE vote_ballots (
    vote_id text NOT NULL,
    ballot_id text NOT NULL,
    voter_id text,
    choices text NOT NULL,
    PRIMARY KEY (vote_id, ballot_id)
  ) PARTITION BY LIST (vote_id);
  CREATE TABLE vote_voters (
    vote_id text NOT NULL,
    user_id text NOT NULL,
    owner_proof text,
    ballot_changes integer NOT NULL DEFAULT 0,
    PRIMARY KEY (vote_id, user_id)
  ) PARTITION BY LIST (vote_id);
  DO $$
  DECLARE
    v record;
  BEGIN
    FOR v IN SELECT id FROM votes LOOP
      EXECUTE format('CREATE TABLE %I PARTITION OF vote_ballots FOR VALUES IN (%L)',
        'vote_ballots_' || replace(lower(v.id), '-', ''), v.id);
      EXECUTE format('CREATE TABLE %I PARTITION OF vote_voters FOR VALUES IN (%L)',
        'vote_voters_' || replace(lower(v.id), '-', ''), v.id);
    END LOOP;
  END $$;
  INSERT INTO vote_ballots (vote_id, ballot_id, voter_id, choices)
    SELECT vote_id, ballot_id, voter_id, choices FROM vote_ballots_single;
  INSERT INTO vote_voters (vote_id, user_id, owner_proof, ballot_changes)
    SELECT vote_id, user_id, owner_proof, ballot_changes FROM vote_voters_single;
  DROP TABLE vote_ballots_single;
  DROP TABLE vote_voters_single;

  CREATE TABLE ballot_box_erasures (
    vote_id text PRIMARY KEY,
    sealed_xid text NOT NULL,
    at bigint NOT NULL
  );
`;
