import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { VoteOptions } from '../../shared/protocol/index.js';
import { optionIds } from '../../shared/domain/index.js';
import type { Database } from '../db/database.js';

/**
 * The ballot box. Who voted (`vote_voters`) and what was chosen (`vote_ballots`) live apart.
 * While a vote is open a secret ballot is found by a hash of the key only its voter's device
 * holds, and the voter's row holds a second hash of that key, in another domain, so that a
 * changed ballot is accepted from its own voter only; neither hash leads to the other
 * without the key. When the vote ends the box is sealed: see `sealBallots`.
 */
const BALLOT_ID_DOMAIN = 'cabinet/ballot-id/v1\0';
const OWNER_PROOF_DOMAIN = 'cabinet/ballot-owner/v1\0';

function domainHash(domain: string, key: string): string {
  return createHash('sha256').update(domain).update(key).digest('hex');
}

export function ballotIdOf(ballotKey: string): string {
  return domainHash(BALLOT_ID_DOMAIN, ballotKey);
}

export function ownerProofOf(ballotKey: string): string {
  return domainHash(OWNER_PROOF_DOMAIN, ballotKey);
}

export function proofMatches(stored: string | null, ballotKey: string): boolean {
  if (stored === null) return false;
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(ownerProofOf(ballotKey), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface VoterRecord {
  ownerProof: string | null;
}

export function findVoter(db: Database, voteId: string, userId: string): VoterRecord | null {
  const row = db
    .prepare('SELECT owner_proof FROM vote_voters WHERE vote_id = ? AND user_id = ?')
    .get(voteId, userId) as { owner_proof: string | null } | undefined;
  return row ? { ownerProof: row.owner_proof } : null;
}

export function findBallot(db: Database, voteId: string, ballotId: string): { voterId: string | null } | null {
  const row = db
    .prepare('SELECT voter_id FROM vote_ballots WHERE vote_id = ? AND ballot_id = ?')
    .get(voteId, ballotId) as { voter_id: string | null } | undefined;
  return row ? { voterId: row.voter_id } : null;
}

export function recordVoter(db: Database, voteId: string, userId: string, ownerProof: string): number {
  db.prepare('INSERT INTO vote_voters (vote_id, user_id, owner_proof) VALUES (?, ?, ?)').run(
    voteId,
    userId,
    ownerProof,
  );
  return (
    db.prepare('UPDATE votes SET ballot_count = ballot_count + 1 WHERE id = ? RETURNING ballot_count').get(voteId) as {
      ballot_count: number;
    }
  ).ballot_count;
}

/**
 * A person may change their mind a few times; each change still writes a receipt and an
 * audit row that are never pruned, so a script changing a ballot in a loop is stopped.
 */
export const MAX_BALLOT_CHANGES = 20;

/** Counts one change of the voter's ballot; false once they have used them all. */
export function countBallotChange(db: Database, voteId: string, userId: string): boolean {
  return (
    db
      .prepare(
        'UPDATE vote_voters SET ballot_changes = ballot_changes + 1 WHERE vote_id = ? AND user_id = ? AND ballot_changes < ?',
      )
      .run(voteId, userId, MAX_BALLOT_CHANGES).changes === 1
  );
}

/**
 * The stored form of a ballot's choices: sorted, and padded with spaces to the longest
 * ballot this vote allows. Every ballot row of a vote then has the same size, so where
 * SQLite places a row in a page (which follows the order rows were written and the sizes
 * of rows freed before) says nothing about what it holds. JSON ignores the padding.
 */
export function storedChoices(options: VoteOptions, choices: readonly string[]): string {
  return JSON.stringify([...choices].sort()).padEnd(longestChoices(options), ' ');
}

function longestChoices(options: VoteOptions): number {
  const ids = optionIds(options).sort((a, b) => b.length - a.length);
  const seats = options.type === 'candidates' ? options.seats : 1;
  return Math.max(JSON.stringify(ids.slice(0, seats)).length, JSON.stringify(['abstain']).length);
}

export function storeBallot(
  db: Database,
  vote: { id: string; options: VoteOptions },
  ballotId: string,
  voterId: string | null,
  choices: readonly string[],
): void {
  db.prepare(
    `INSERT INTO vote_ballots (vote_id, ballot_id, voter_id, choices) VALUES (?, ?, ?, ?)
     ON CONFLICT(vote_id, ballot_id) DO UPDATE SET choices = excluded.choices`,
  ).run(vote.id, ballotId, voterId, storedChoices(vote.options, choices));
}

export function readBallots(db: Database, voteId: string): Array<{ voterId: string | null; choices: string[] }> {
  return (
    db.prepare('SELECT voter_id, choices FROM vote_ballots WHERE vote_id = ? ORDER BY ballot_id').all(voteId) as Array<{
      voter_id: string | null;
      choices: string;
    }>
  ).map((r) => ({ voterId: r.voter_id, choices: JSON.parse(r.choices) as string[] }));
}

/**
 * Seals a vote's box when it ends (closed or cancelled), inside that command's transaction:
 * every ballot is written again under a fresh random id, in the order of those ids, and
 * every voter row again without its ownership proof, in user order. Afterwards no key a
 * device may still hold matches anything, and neither the ids nor the places of the rows
 * follow the order of casting. Old page images are zeroed by secure_delete in the database
 * file; the write-ahead log still holds them until the caller truncates it after the commit
 * (`CommandEffect.truncateJournal`).
 */
export function sealBallots(db: Database, vote: { id: string; options: VoteOptions }): void {
  const ballots = db.prepare('SELECT voter_id, choices FROM vote_ballots WHERE vote_id = ?').all(vote.id) as Array<{
    voter_id: string | null;
    choices: string;
  }>;
  const voters = (
    db.prepare('SELECT user_id FROM vote_voters WHERE vote_id = ? ORDER BY user_id').all(vote.id) as Array<{
      user_id: string;
    }>
  ).map((r) => r.user_id);
  db.prepare('DELETE FROM vote_ballots WHERE vote_id = ?').run(vote.id);
  db.prepare('DELETE FROM vote_voters WHERE vote_id = ?').run(vote.id);
  const resealed = ballots
    .map((b) => ({ id: randomBytes(32).toString('hex'), voterId: b.voter_id, choices: b.choices }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const insertBallot = db.prepare(
    'INSERT INTO vote_ballots (vote_id, ballot_id, voter_id, choices) VALUES (?, ?, ?, ?)',
  );
  for (const b of resealed) insertBallot.run(vote.id, b.id, b.voterId, b.choices);
  const insertVoter = db.prepare('INSERT INTO vote_voters (vote_id, user_id, owner_proof) VALUES (?, ?, NULL)');
  for (const userId of voters) insertVoter.run(vote.id, userId);
}
