import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { migratePostgres } from './postgres-migrate.js';
import type { Schema } from './schema.js';
import type { Store } from './store.js';

export interface PostgresStore extends Store {
  readonly dialect: 'postgres';
  /** The connection pool, shared with the Socket.IO adapter's LISTEN/NOTIFY. */
  readonly pool: pg.Pool;
}

export interface PostgresOptions {
  /** Connections per node (default 10). */
  poolSize?: number;
  migrations?: readonly Migration[];
}

/**
 * COUNT(*) and other bigint results arrive as text by default (they may exceed 2^53); none
 * of ours can, and both engines then hand numbers to the same code.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/**
 * The city-wide database: PostgreSQL, shared by every node. Transactions run side by side,
 * at READ COMMITTED; a writer that checks before it acts locks first (the meeting's row, a
 * named advisory lock), so that a later statement sees every commit made before the lock.
 */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types });
  // An idle client that loses its connection (a restarted database) must not crash the node.
  pool.on('error', () => undefined);
  try {
    await migratePostgres(pool, options.migrations ?? MIGRATIONS);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    dialect: 'postgres',
    db,
    pool,
    location: redact(url),
    transaction: (work) => db.transaction().execute(work),
    snapshot: (work) => db.transaction().setAccessMode('read only').setIsolationLevel('repeatable read').execute(work),
    async lockMeeting(tx, meetingId) {
      await tx.selectFrom('meetings').select('id').where('id', '=', meetingId).forUpdate().execute();
    },
    async lockName(tx, name) {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(tx);
    },
    // The seal recorded its debt in its own transaction; every node settles it in the
    // background (server/votes/ballot-box-erasure.ts), never in a command's answer.
    eraseOldRowImages: async () => true,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}
