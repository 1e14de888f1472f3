import { createHash } from 'node:crypto';
import type { Database } from '../db/database.js';

/**
 * The ballot box. Who voted and what was chosen live in two tables with nothing that links
 * them for a secret vote: no voter column, no time, and a key (the hash of the device's
 * secret) that sorts in no order that follows casting.
 */
export function ballotHash(ballotKey: string): string {
  return createHash('sha256').update(ballotKey).digest('hex');
}

export function hasVoted(db: Database, voteId: string, userId: string): boolean {
  return db.prepare('SELECT 1 FROM vote_voters WHERE vote_id = ? AND user_id = ?').get(voteId, userId) !== undefined;
}

export function findBallot(db: Database, voteId: string, hash: string): { voterId: string | null } | null {
  const row = db
    .prepare('SELECT voter_id FROM vote_ballots WHERE vote_id = ? AND ballot_hash = ?')
    .get(voteId, hash) as { voter_id: string | null } | undefined;
  return row ? { voterId: row.voter_id } : null;
}

export function recordVoter(db: Database, voteId: string, userId: string): number {
  db.prepare('INSERT INTO vote_voters (vote_id, user_id) VALUES (?, ?)').run(voteId, userId);
  return (
    db.prepare('UPDATE votes SET ballot_count = ballot_count + 1 WHERE id = ? RETURNING ballot_count').get(voteId) as {
      ballot_count: number;
    }
  ).ballot_count;
}

export function storeBallot(
  db: Database,
  voteId: string,
  hash: string,
  voterId: string | null,
  choices: string[],
): void {
  db.prepare(
    `INSERT INTO vote_ballots (vote_id, ballot_hash, voter_id, choices) VALUES (?, ?, ?, ?)
     ON CONFLICT(vote_id, ballot_hash) DO UPDATE SET choices = excluded.choices`,
  ).run(voteId, hash, voterId, JSON.stringify([...choices].sort()));
}

export function readBallots(db: Database, voteId: string): Array<{ voterId: string | null; choices: string[] }> {
  return (
    db
      .prepare('SELECT voter_id, choices FROM vote_ballots WHERE vote_id = ? ORDER BY ballot_hash')
      .all(voteId) as Array<{
      voter_id: string | null;
      choices: string;
    }>
  ).map((r) => ({ voterId: r.voter_id, choices: JSON.parse(r.choices) as string[] }));
}
