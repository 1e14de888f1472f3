import type pg from 'pg';
import { ballotBoxPartitions } from './ballot-box-partitions.js';

/**
 * PostgreSQL: erases what a sealed secret ballot box leaves in the database's pages. The
 * seal rewrote the vote's ballots and voters in one transaction; their old versions stay as
 * dead tuples, each with the id of the transaction that cast it (shared with the voter's
 * row and command): a link until they are gone. VACUUM FULL of the vote's two partitions
 * writes them anew without those versions, but keeps any version that a transaction begun
 * before the seal might still read: a long report, a backup, a replica with
 * hot_standby_feedback, a forgotten psql session.
 *
 * So the seal records a debt (`ballot_box_erasures`, in its own transaction: a node that
 * dies right after the commit loses nothing), and every node, once a second and one at a
 * time, settles the debts whose seal no snapshot or transaction predates any more, then
 * checks VACUUM's own report that nothing was kept (a second guard, for what the first may
 * not see, such as vacuum_defer_cleanup_age; it reads the report in English, the language
 * of a server whose lc_messages is C or en). Nothing of this waits in a command.
 */
const ERASURE_LOCK = 7_316_002;

interface Logger {
  warn(obj: unknown, msg: string): void;
}

/** One pass over the debts. Returns how many are still owed. */
export async function settleBallotBoxErasures(pool: pg.Pool, logger: Logger): Promise<number> {
  const client = await pool.connect();
  try {
    const { rows: locked } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
      ERASURE_LOCK,
    ]);
    if (!locked[0]?.ok) return -1;
    try {
      const { rows: debts } = await client.query<{ vote_id: string; sealed_xid: string }>(
        'SELECT vote_id, sealed_xid FROM ballot_box_erasures ORDER BY at',
      );
      let owed = 0;
      for (const debt of debts) {
        // One debt that cannot be settled (its VACUUM waits for a lock, the disk is full)
        // must not hold up the others.
        const settled = await settle(client, debt, logger).catch((error: unknown) => {
          logger.warn({ err: error, voteId: debt.vote_id }, 'erasing a sealed ballot box failed; retrying');
          return false;
        });
        if (!settled) owed++;
      }
      return owed;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [ERASURE_LOCK]);
    }
  } finally {
    client.release();
  }
}

async function settle(
  client: pg.PoolClient,
  debt: { vote_id: string; sealed_xid: string },
  logger: Logger,
): Promise<boolean> {
  if (await olderSnapshotExists(client, debt.sealed_xid)) return false;
  const kept: number[] = [];
  const onNotice = (notice: { message?: string; detail?: string }) => {
    const text = `${notice.message ?? ''} ${notice.detail ?? ''}`;
    const match = /(\d+) dead row versions cannot be removed yet/.exec(text);
    if (match) kept.push(Number(match[1]));
  };
  const tables = ballotBoxPartitions(debt.vote_id);
  client.on('notice', onNotice);
  try {
    // A session that has read the partition and sits idle in its transaction (a forgotten
    // psql, a backup) holds a lock VACUUM FULL waits for; waiting, it would hold up every
    // reader of the partition behind it. Give up soon and try again at the next pass.
    await client.query("SET lock_timeout = '1s'");
    await client.query(`VACUUM (FULL, VERBOSE) ${tables.map((t) => client.escapeIdentifier(t)).join(', ')}`);
  } finally {
    client.off('notice', onNotice);
    await client.query('RESET lock_timeout');
  }
  if (kept.some((n) => n > 0)) {
    logger.warn({ voteId: debt.vote_id, kept }, 'a sealed ballot box still has old rows a snapshot may read; retrying');
    return false;
  }
  // Only this seal's debt: a vote sealed again meanwhile (a cancel after a close) keeps its own.
  await client.query('DELETE FROM ballot_box_erasures WHERE vote_id = $1 AND sealed_xid = $2', [
    debt.vote_id,
    debt.sealed_xid,
  ]);
  return true;
}

/**
 * Whether any session, transaction, prepared transaction or replication slot still holds a
 * view of the data from before the seal (xid comparison modulo 2^32, as PostgreSQL's own).
 */
async function olderSnapshotExists(client: pg.PoolClient, sealedXid: string): Promise<boolean> {
  const { rows } = await client.query<{ n: number }>(
    `WITH seal AS (SELECT (($1::bigint) % 4294967296)::text::xid AS xid)
     SELECT (
       (SELECT COUNT(*) FROM pg_stat_activity, seal
         WHERE pid <> pg_backend_pid()
           -- VACUUM of a table keeps rows for sessions of its own database, and for
           -- replication (walsenders belong to none).
           AND (datname = current_database() OR datname IS NULL)
           AND ((backend_xmin IS NOT NULL AND age(backend_xmin) >= age(seal.xid))
             OR (backend_xid IS NOT NULL AND age(backend_xid) >= age(seal.xid))))
       + (SELECT COUNT(*) FROM pg_replication_slots, seal WHERE xmin IS NOT NULL AND age(xmin) >= age(seal.xid))
       + (SELECT COUNT(*) FROM pg_prepared_xacts, seal WHERE age(transaction) >= age(seal.xid))
     )::int AS n`,
    [sealedXid],
  );
  return (rows[0]?.n ?? 0) > 0;
}
