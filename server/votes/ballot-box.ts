import { sql } from 'kysely';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { VoteOptions } from '../../shared/protocol/index.js';
import { optionIds } from '../../shared/domain/index.js';
import type { Db } from '../db/schema.js';
import { firstRow, preparedQuery } from '../db/prepared-query.js';

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

export async function findVoter(db: Db, voteId: string, userId: string): Promise<VoterRecord | null> {
  const row = await firstRow(voterOf(db, { voteId, userId }));
  return row ? { ownerProof: row.owner_proof } : null;
}

export async function findBallot(db: Db, voteId: string, ballotId: string): Promise<{ voterId: string | null } | null> {
  const row = await firstRow(ballotOf(db, { voteId, ballotId }));
  return row ? { voterId: row.voter_id } : null;
}

export async function recordVoter(db: Db, voteId: string, userId: string, ownerProof: string): Promise<number> {
  await insertVoter(db, { voteId, userId, ownerProof });
  const row = await firstRow(countBallot(db, { voteId }));
  if (!row) throw new Error(`recordVoter: no vote ${voteId}`);
  return row.ballot_count;
}

/**
 * A person may change their mind a few times; each change still writes a receipt and an
 * audit row that are never pruned, so a script changing a ballot in a loop is stopped.
 */
export const MAX_BALLOT_CHANGES = 20;

/** Counts one change of the voter's ballot; false once they have used them all. */
export async function countBallotChange(db: Db, voteId: string, userId: string): Promise<boolean> {
  const result = await db
    .updateTable('vote_voters')
    .set((eb) => ({ ballot_changes: eb('ballot_changes', '+', 1) }))
    .where('vote_id', '=', voteId)
    .where('user_id', '=', userId)
    .where('ballot_changes', '<', MAX_BALLOT_CHANGES)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The stored form of a ballot's choices: sorted, and padded with spaces to the longest
 * ballot this vote allows. Every ballot row of a vote then has the same size, so where the
 * engine places a row (in SQLite's pages, or PostgreSQL's heap pages), which follows the
 * order rows were written and the sizes of rows freed before, says nothing about what it
 * holds. JSON ignores the padding.
 */
export function storedChoices(options: VoteOptions, choices: readonly string[]): string {
  return JSON.stringify([...choices].sort()).padEnd(longestChoices(options), ' ');
}

function longestChoices(options: VoteOptions): number {
  const ids = optionIds(options).sort((a, b) => b.length - a.length);
  const seats = options.type === 'candidates' ? options.seats : 1;
  return Math.max(JSON.stringify(ids.slice(0, seats)).length, JSON.stringify(['abstain']).length);
}

export async function storeBallot(
  db: Db,
  vote: { id: string; options: VoteOptions },
  ballotId: string,
  voterId: string | null,
  choices: readonly string[],
): Promise<void> {
  await putBallot(db, { voteId: vote.id, ballotId, voterId, choices: storedChoices(vote.options, choices) });
}

export async function readBallots(
  db: Db,
  voteId: string,
): Promise<Array<{ voterId: string | null; choices: string[] }>> {
  const rows = await db
    .selectFrom('vote_ballots')
    .select(['voter_id', 'choices'])
    .where('vote_id', '=', voteId)
    .orderBy('ballot_id')
    .execute();
  return rows.map((r) => ({ voterId: r.voter_id, choices: JSON.parse(r.choices) as string[] }));
}

/**
 * Rows per INSERT of the seal: far below the bound-parameter limits of both engines
 * (SQLite 32766, PostgreSQL 65535) at four parameters a row. The chunks are written one
 * after the other, so the rows still go in in the sorted order.
 */
const SEAL_CHUNK = 1000;

/**
 * Seals a vote's box when it ends (closed or cancelled), inside that command's transaction:
 * every ballot is written again under a fresh random id, in the order of those ids, and
 * every voter row again without its ownership proof or change counter, in user order.
 * Afterwards no key a device may still hold matches anything, and neither the ids nor the
 * places of the rows follow the order of casting.
 *
 * What the old rows leave behind differs by engine. SQLite: secure_delete zeroes the old
 * pages in the database file; the write-ahead log still holds them until the runner has the
 * store truncate it after the commit (`CommandEffect.eraseOldRowImages`). PostgreSQL: the new
 * rows, written in one transaction, share its xmin (casting order is not in them); the old
 * row versions, each carrying the xmin of the command that cast it (which ties a ballot to
 * its voter's row), stay in the vote's partitions as dead tuples: the seal records a debt
 * that ballot-box-erasure.ts settles once no older snapshot can read them.
 */
export async function sealBallots(
  db: Db,
  dialect: 'sqlite' | 'postgres',
  vote: { id: string; kind: 'named' | 'secret'; options: VoteOptions },
): Promise<void> {
  const ballots = await db
    .selectFrom('vote_ballots')
    .select(['voter_id', 'choices'])
    .where('vote_id', '=', vote.id)
    .execute();
  const voters = (
    await db.selectFrom('vote_voters').select('user_id').where('vote_id', '=', vote.id).orderBy('user_id').execute()
  ).map((r) => r.user_id);
  await db.deleteFrom('vote_ballots').where('vote_id', '=', vote.id).execute();
  await db.deleteFrom('vote_voters').where('vote_id', '=', vote.id).execute();
  const resealed = ballots
    .map((b) => ({
      vote_id: vote.id,
      ballot_id: randomBytes(32).toString('hex'),
      voter_id: b.voter_id,
      choices: b.choices,
    }))
    .sort((a, b) => (a.ballot_id < b.ballot_id ? -1 : 1));
  for (let i = 0; i < resealed.length; i += SEAL_CHUNK) {
    await db
      .insertInto('vote_ballots')
      .values(resealed.slice(i, i + SEAL_CHUNK))
      .execute();
  }
  for (let i = 0; i < voters.length; i += SEAL_CHUNK) {
    await db
      .insertInto('vote_voters')
      .values(
        voters.slice(i, i + SEAL_CHUNK).map((userId) => ({ vote_id: vote.id, user_id: userId, owner_proof: null })),
      )
      .execute();
  }
  if (dialect === 'postgres' && vote.kind === 'secret') {
    await sql`INSERT INTO ballot_box_erasures (vote_id, sealed_xid, at)
      VALUES (${vote.id}, pg_current_xact_id()::text, ${Date.now()})
      ON CONFLICT (vote_id) DO UPDATE SET sealed_xid = excluded.sealed_xid, at = excluded.at`.execute(db);
  }
}

const voterOf = preparedQuery((db, v: { voteId: string; userId: string }) =>
  db.selectFrom('vote_voters').select('owner_proof').where('vote_id', '=', v.voteId).where('user_id', '=', v.userId),
);

const ballotOf = preparedQuery((db, v: { voteId: string; ballotId: string }) =>
  db.selectFrom('vote_ballots').select('voter_id').where('vote_id', '=', v.voteId).where('ballot_id', '=', v.ballotId),
);

const insertVoter = preparedQuery((db, v: { voteId: string; userId: string; ownerProof: string }) =>
  db.insertInto('vote_voters').values({ vote_id: v.voteId, user_id: v.userId, owner_proof: v.ownerProof }),
);

const countBallot = preparedQuery((db, v: { voteId: string }) =>
  db
    .updateTable('votes')
    .set((eb) => ({ ballot_count: eb('ballot_count', '+', 1) }))
    .where('id', '=', v.voteId)
    .returning('ballot_count'),
);

const putBallot = preparedQuery(
  (db, v: { voteId: string; ballotId: string; voterId: string | null; choices: string }) =>
    db
      .insertInto('vote_ballots')
      .values({ vote_id: v.voteId, ballot_id: v.ballotId, voter_id: v.voterId, choices: v.choices })
      .onConflict((oc) =>
        oc.columns(['vote_id', 'ballot_id']).doUpdateSet((eb) => ({ choices: eb.ref('excluded.choices') })),
      ),
);
