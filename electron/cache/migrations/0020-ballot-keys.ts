import type { Migration } from './migration.js';

/**
 * The user's ballot keys while their votes are open (shared/client/ballot-keys.ts). Kept
 * apart from the meeting state so that forgetting one erases it, and per user so that a
 * second person on this tablet never reuses the first one's key.
 */
export const migration0020BallotKeys: Migration = {
  version: 20,
  name: 'ballot keys',
  up(db) {
    db.exec(`
      CREATE TABLE ballot_keys (
        vote_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        key TEXT NOT NULL
      ) STRICT;
    `);
  },
};
