import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL the tests use: a login role allowed to create databases (and, for the
 * attacker of the secrecy test, to read raw pages), on the machine's own server. `.ci/run`
 * creates it; `CABINET_TEST_POSTGRES_URL` points elsewhere.
 */
export const ADMIN_URL =
  process.env.CABINET_TEST_POSTGRES_URL ?? 'postgres://cabinet_test:cabinet_test@127.0.0.1:5432/postgres';

/** Which engine this test run's servers use: vitest's `postgres` project sets it. */
export const TEST_ENGINE: 'sqlite' | 'postgres' =
  process.env.CABINET_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export function databaseUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
  url = ADMIN_URL,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export async function postgresAvailable(): Promise<boolean> {
  try {
    await adminQuery('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** A new, empty database (or a copy of `template`); its URL. Names are random, so workers never meet. */
export async function createDatabase(template?: string): Promise<{ name: string; url: string }> {
  const name = `cabinet_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  return { name, url: databaseUrl(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/**
 * The database a test's server processes use on this run's engine: a new PostgreSQL
 * database (dropped by `drop`) in the `postgres` project, nothing (the SQLite file in the
 * data folder) in the `sqlite` one.
 */
export async function engineDatabase(): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  if (TEST_ENGINE !== 'postgres') return { url: undefined, drop: async () => undefined };
  const db = await createDatabase();
  return { url: db.url, drop: () => dropDatabase(db.name) };
}
