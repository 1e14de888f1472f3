import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase } from '../../test/support/postgres.js';
import { appendAudit, verifyAuditChain } from '../audit/audit-log.js';
import { MIGRATIONS } from './migrations/index.js';
import { openPostgresStore, type PostgresStore } from './postgres-store.js';

const made: string[] = [];
const stores: PostgresStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const name of made.splice(0)) await dropDatabase(name);
});

async function freshDatabase(): Promise<string> {
  const db = await createDatabase();
  made.push(db.name);
  return db.url;
}

async function open(url: string): Promise<PostgresStore> {
  const store = await openPostgresStore(url, { poolSize: 4 });
  stores.push(store);
  return store;
}

describe('PostgreSQL store', () => {
  it('migrates once when three nodes start together', async () => {
    const url = await freshDatabase();
    const nodes = await Promise.all([open(url), open(url), open(url)]);
    const version = await sql<{ version: number }>`SELECT version FROM schema_version`.execute(nodes[0]!.db);
    expect(version.rows).toEqual([{ version: MIGRATIONS.at(-1)?.version }]);
    // Every table exists once: a second run of migration 10 would have failed on CREATE TABLE.
    const tables = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM pg_tables WHERE tablename = 'users'`.execute(
      nodes[1]!.db,
    );
    expect(tables.rows).toEqual([{ n: 1 }]);
  });

  it('keeps one audit chain linear while two nodes append to it at once', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([open(url), open(url)]);
    const append = (store: PostgresStore, i: number) =>
      store.transaction((tx) =>
        appendAudit(tx, store, { at: `t${i}`, actorId: null, action: 'sign-in', meetingId: null, detail: { i } }),
      );
    await Promise.all(Array.from({ length: 40 }, (_, i) => append(i % 2 ? a! : b!, i)));
    expect(await verifyAuditChain(a!.db)).toBeNull();
    const prevs = await sql<{ n: number }>`SELECT COUNT(DISTINCT prev_hash) AS n FROM audit_log`.execute(a!.db);
    expect(prevs.rows).toEqual([{ n: 40 }]);
  });

  it('holds a meeting row for the whole transaction, so a second writer waits', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([open(url), open(url)]);
    await sql`INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES ('u', 'u', 'U', 'h', 't')`.execute(
      a!.db,
    );
    await sql`INSERT INTO meetings (id, title, starts_at, place, organisation, status, created_by, created_at)
      VALUES ('m', 'x', 't', 'p', 'o', 'draft', 'u', 't')`.execute(a!.db);
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = a!.transaction(async (tx) => {
      await a!.lockMeeting(tx, 'm');
      order.push('first locked');
      await held;
      order.push('first done');
    });
    await new Promise((r) => setTimeout(r, 100));
    const second = b!.transaction(async (tx) => {
      await b!.lockMeeting(tx, 'm');
      order.push('second locked');
    });
    await new Promise((r) => setTimeout(r, 200));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first locked', 'first done', 'second locked']);
  });
});
