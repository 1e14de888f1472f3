import type { Database } from 'better-sqlite3';

/**
 * What issue 6's mends need in the database:
 * - a voter's proof of owning their secret ballot (a hash of the ballot key in another
 *   domain than the ballot's id), erased when the vote closes;
 * - ballots keyed by `ballot_id` (a hash while the vote is open, a fresh random id after);
 * - a cancelled vote's reason, and who closed or cancelled a vote;
 * - versions of meetings and agenda items, so a stale edit is refused;
 * - the meeting's defaults for new votes;
 * - per-participant windows of attendance changes (their own, and others' for them), so
 *   toggling cannot flood the log, and a bound on ballot changes per voter.
 */
export function sqlite(db: Database): void {
  db.exec(`
    ALTER TABLE vote_voters ADD COLUMN owner_proof TEXT;
    ALTER TABLE vote_ballots RENAME COLUMN ballot_hash TO ballot_id;

    ALTER TABLE votes ADD COLUMN closed_by TEXT;
    ALTER TABLE votes ADD COLUMN cancelled_at TEXT;
    ALTER TABLE votes ADD COLUMN cancelled_by TEXT;
    ALTER TABLE votes ADD COLUMN cancel_reason TEXT;
    ALTER TABLE votes ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

    ALTER TABLE meetings ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE meetings ADD COLUMN vote_defaults TEXT NOT NULL
      DEFAULT '{"rule":"absolute","base":"members","quorum":"none"}';
    ALTER TABLE agenda_items ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

    ALTER TABLE participants ADD COLUMN attendance_window_start TEXT;
    ALTER TABLE participants ADD COLUMN attendance_changes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE participants ADD COLUMN staff_window_start TEXT;
    ALTER TABLE participants ADD COLUMN staff_changes INTEGER NOT NULL DEFAULT 0;

    -- How often a voter changed their ballot in an open vote: bounded, and erased at the seal.
    ALTER TABLE vote_voters ADD COLUMN ballot_changes INTEGER NOT NULL DEFAULT 0;
  `);
}

export const postgres = `
  ALTER TABLE vote_voters ADD COLUMN owner_proof text;
  ALTER TABLE vote_ballots RENAME COLUMN ballot_hash TO ballot_id;

  ALTER TABLE votes ADD COLUMN closed_by text;
  ALTER TABLE votes ADD COLUMN cancelled_at text;
  ALTER TABLE votes ADD COLUMN cancelled_by text;
  ALTER TABLE votes ADD COLUMN cancel_reason text;
  ALTER TABLE votes ADD COLUMN version integer NOT NULL DEFAULT 0;

  ALTER TABLE meetings ADD COLUMN version integer NOT NULL DEFAULT 0;
  ALTER TABLE meetings ADD COLUMN vote_defaults text NOT NULL
    DEFAULT '{"rule":"absolute","base":"members","quorum":"none"}';
  ALTER TABLE agenda_items ADD COLUMN version integer NOT NULL DEFAULT 0;

  ALTER TABLE participants ADD COLUMN attendance_window_start text;
  ALTER TABLE participants ADD COLUMN attendance_changes integer NOT NULL DEFAULT 0;
  ALTER TABLE participants ADD COLUMN staff_window_start text;
  ALTER TABLE participants ADD COLUMN staff_changes integer NOT NULL DEFAULT 0;

  ALTER TABLE vote_voters ADD COLUMN ballot_changes integer NOT NULL DEFAULT 0;
`;
