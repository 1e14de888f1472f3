import type pg from 'pg';
import { SchemaTooNewError } from './database.js';
import { checkMigrationOrder, type Migration } from './migrations/index.js';

/** Any fixed number: every node that starts asks for the same advisory lock. */
const MIGRATION_LOCK = 7_316_001;

/**
 * Brings a PostgreSQL database to this server's schema. Several nodes starting together
 * take turns under an advisory lock, and each migration commits with the version it sets,
 * so a node that waited finds the work done. A database of a newer server is refused.
 */
export async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[]): Promise<void> {
  checkMigrationOrder(migrations);
  const known = migrations.at(-1)?.version ?? 0;
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
      const found = await client.query<{ version: number }>('SELECT version FROM schema_version');
      let current = found.rows[0]?.version ?? 0;
      if (found.rows.length === 0) await client.query('INSERT INTO schema_version (version) VALUES (0)');
      if (current > known) throw new SchemaTooNewError(current, known);
      for (const m of migrations) {
        if (m.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.postgres);
          await client.query('UPDATE schema_version SET version = $1', [m.version]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`PostgreSQL migration ${m.version} (${m.name}) failed: ${(error as Error).message}`, {
            cause: error,
          });
        }
        current = m.version;
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
