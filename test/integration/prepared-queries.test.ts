import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstRow, preparedQuery } from '../../server/db/prepared-query.js';
import type { Store } from '../../server/db/store.js';
import { testDatabase, type TestDatabase } from '../support/test-store.js';

/**
 * Statements compiled once and run with each call's values (server/db/prepared-query.ts), on
 * the engine of this run: every call must run with its own values, never an earlier call's,
 * and the constants Kysely made parameters must stay as they were written.
 */
let database: TestDatabase;
let store: Store;
beforeEach(async () => {
  database = await testDatabase();
  store = await database.open();
});
afterEach(() => database.cleanup());

let builds = 0;
const putHead = preparedQuery((db, v: { chain: string; hash: string }) => {
  builds++;
  return db.insertInto('audit_heads').values({ chain: v.chain, hash: v.hash });
});
const headOf = preparedQuery((db, v: { chain: string }) =>
  db.selectFrom('audit_heads').select(['chain', 'hash']).where('chain', '=', v.chain),
);
// A constant in the statement ('x', made a parameter by Kysely) beside a value.
const markHead = preparedQuery((db, v: { chain: string }) =>
  db
    .updateTable('audit_heads')
    .set((eb) => ({ hash: eb('hash', '||', eb.val('x')) }))
    .where('chain', '=', v.chain),
);
const headsBetween = preparedQuery((db, v: { from: string; to: string | null }) =>
  db.selectFrom('audit_heads').select('chain').where('chain', '>=', v.from).where('chain', '<=', v.to).orderBy('chain'),
);

describe('prepared queries', () => {
  it('run each call with its own values, compiled once per database, in and out of transactions', async () => {
    const before = builds;
    for (let i = 0; i < 20; i++) await putHead(store.db, { chain: `chain-${i}`, hash: `hash-${i}` });
    await store.transaction(async (tx) => {
      await putHead(tx, { chain: 'in-a-transaction', hash: 'tx' });
    });
    expect(builds - before).toBe(1);
    for (let i = 0; i < 20; i++) {
      expect(await firstRow(headOf(store.db, { chain: `chain-${i}` }))).toEqual({
        chain: `chain-${i}`,
        hash: `hash-${i}`,
      });
    }
    expect(await firstRow(headOf(store.db, { chain: 'in-a-transaction' }))).toEqual({
      chain: 'in-a-transaction',
      hash: 'tx',
    });
    expect(await firstRow(headOf(store.db, { chain: 'nobody' }))).toBeUndefined();
  });

  it('keep the constants of the statement and touch only the rows the values name', async () => {
    await putHead(store.db, { chain: 'a', hash: 'h' });
    await putHead(store.db, { chain: 'b', hash: 'h' });
    await markHead(store.db, { chain: 'a' });
    await markHead(store.db, { chain: 'a' });
    expect((await firstRow(headOf(store.db, { chain: 'a' })))?.hash).toBe('hxx');
    expect((await firstRow(headOf(store.db, { chain: 'b' })))?.hash).toBe('h');
  });

  it('pass null as a value, and refuse a missing one rather than run with a stand-in', async () => {
    await putHead(store.db, { chain: 'a', hash: 'h' });
    expect((await headsBetween(store.db, { from: 'a', to: 'z' })).rows).toEqual([{ chain: 'a' }]);
    expect((await headsBetween(store.db, { from: 'a', to: null })).rows).toEqual([]);
    await expect(headOf(store.db, {} as { chain: string })).rejects.toThrow(/no value for chain/);
  });

  it('compile again for a second database of its own', async () => {
    const other = await testDatabase();
    try {
      const second = await other.open();
      await putHead(second.db, { chain: 'elsewhere', hash: 'h2' });
      expect(await firstRow(headOf(second.db, { chain: 'elsewhere' }))).toEqual({ chain: 'elsewhere', hash: 'h2' });
      expect(await firstRow(headOf(store.db, { chain: 'elsewhere' }))).toBeUndefined();
    } finally {
      await other.cleanup();
    }
  });
});
