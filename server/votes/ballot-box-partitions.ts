import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { CommandRejected } from '../sync/command-types.js';

/**
 * On PostgreSQL each vote's ballots and voters live in partitions of their own
 * (`vote_ballots` and `vote_voters` are partitioned by vote). What a seal leaves behind
 * (old row versions, with the transaction ids that tie a ballot to its voter) is then erased
 * by rewriting two small tables that nobody else uses, not the ballots of every vote ever
 * held in the city (see ballot-box-erasure.ts). SQLite keeps one table each.
 */
const TABLES = ['vote_ballots', 'vote_voters'] as const;

/** The partition's name: the table's, and the vote's id without its dashes. */
export function partitionOf(table: (typeof TABLES)[number], voteId: string): string {
  const hex = voteId.toLowerCase().replace(/-/g, '');
  // Vote ids are UUIDs (the protocol's schema); anything else never reaches an identifier.
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`not a vote id: ${voteId}`);
  return `${table}_${hex}`;
}

/**
 * Makes the new vote's partitions, in its vote:create transaction. The table is made alone
 * and then attached: CREATE TABLE … PARTITION OF would take an exclusive lock on the whole
 * ballot table (every vote in the city waits, and it waits behind a backup's read), ATTACH
 * takes one that ordinary reads and writes pass.
 */
export async function createBallotBoxPartitions(tx: Db, voteId: string): Promise<void> {
  for (const table of TABLES) {
    const name = partitionOf(table, voteId);
    // The same UUID in other letter case is another vote id but the same partition name.
    const taken = await sql<{ found: string | null }>`SELECT to_regclass(${name})::text AS found`.execute(tx);
    if (taken.rows[0]?.found) throw new CommandRejected('CONFLICT');
    await sql`CREATE TABLE ${sql.id(name)} (LIKE ${sql.table(table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`.execute(
      tx,
    );
    await sql`ALTER TABLE ${sql.table(table)} ATTACH PARTITION ${sql.id(name)} FOR VALUES IN (${sql.lit(voteId)})`.execute(
      tx,
    );
  }
}

/** Both partitions of a vote, for VACUUM. */
export function ballotBoxPartitions(voteId: string): string[] {
  return TABLES.map((t) => partitionOf(t, voteId));
}
