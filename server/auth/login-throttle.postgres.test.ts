import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase } from '../../test/support/postgres.js';
import { openPostgresStore, type PostgresStore } from '../db/postgres-store.js';
import { LoginThrottle, type LoginAttempt } from './login-throttle.js';
import { hashKey, PostgresThrottleState } from './login-throttle-postgres.js';

// Two throttles on two stores of one database: two server nodes.
const made: string[] = [];
const stores: PostgresStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const name of made.splice(0)) await dropDatabase(name);
});

async function twoNodes(): Promise<{
  a: LoginThrottle;
  b: LoginThrottle;
  storeA: PostgresStore;
  storeB: PostgresStore;
}> {
  const db = await createDatabase();
  made.push(db.name);
  const [storeA, storeB] = await Promise.all([openPostgresStore(db.url), openPostgresStore(db.url)]);
  stores.push(storeA!, storeB!);
  return {
    a: new LoginThrottle({}, new PostgresThrottleState(storeA!)),
    b: new LoginThrottle({}, new PostgresThrottleState(storeB!)),
    storeA: storeA!,
    storeB: storeB!,
  };
}

async function marks(store: PostgresStore, kind: 'failure' | 'success' | 'slot', key?: string): Promise<number> {
  let query = store.db
    .selectFrom('sign_in_marks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', kind);
  if (key !== undefined) query = query.where('key', '=', hashKey(key));
  return Number((await query.executeTakeFirstOrThrow()).n);
}

async function take(t: LoginThrottle, address: string, username: string, now = Date.now()): Promise<LoginAttempt> {
  const outcome = await t.tryReserve(address, username, now);
  if (outcome.kind !== 'granted') throw new Error(`expected a slot, got ${outcome.kind}`);
  return outcome.attempt;
}

/** Whether the promise settles within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const done = await Promise.race([promise.then(() => true), late]);
  clearTimeout(timer);
  return done;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('login throttle shared by two nodes on PostgreSQL', () => {
  it('lets five of forty parallel wrong passwords spread over both nodes be checked, no more', async () => {
    const { a, b, storeA } = await twoNodes();
    let checked = 0;
    let running = 0;
    let most = 0;
    const answers = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const attempt = await (i % 2 ? a : b).reserve('10.0.0.1', 'chutoa');
        if (!attempt) return 429;
        checked++;
        running++;
        most = Math.max(most, running);
        await sleep(20);
        running--;
        await attempt.fail(Date.now());
        return 401;
      }),
    );
    expect(checked).toBe(5);
    expect(most).toBeLessThanOrEqual(5);
    expect(answers.filter((s) => s === 429)).toHaveLength(35);
    expect(await marks(storeA, 'failure', '10.0.0.1|chutoa')).toBe(5);
    expect(await marks(storeA, 'slot')).toBe(0);
    // Only hashes are kept: the typed name is nowhere in the table.
    const keys = await storeA.db.selectFrom('sign_in_marks').select('key').execute();
    for (const { key } of keys) expect(key).toMatch(/^[0-9a-f]{64}$/);
    // Either node now refuses the account from that address at once.
    expect(await a.reserve('10.0.0.1', 'chutoa')).toBeNull();
    expect(await b.reserve('10.0.0.1', 'chutoa')).toBeNull();
  });

  it('frees a slot for an attempt waiting on the other node when a right password is given', async () => {
    const { a, b } = await twoNodes();
    const onA = await Promise.all(Array.from({ length: 5 }, () => take(a, 'x', 'chutoa')));
    // Node B sees node A's slots: it waits rather than passing the limit.
    const waitingOnB = b.reserve('x', 'chutoa');
    expect(await settlesWithin(waitingOnB, 300)).toBe(false);
    await onA[0]!.succeed();
    // No wake-up crosses nodes; B's polling finds the slot free.
    expect(await settlesWithin(waitingOnB, 1000)).toBe(true);
    const onB = await waitingOnB;
    expect(onB).not.toBeNull();

    // And the other way: A waits behind B's slot until B's right password frees it.
    const waitingOnA = a.reserve('x', 'chutoa');
    expect(await settlesWithin(waitingOnA, 300)).toBe(false);
    await onB!.succeed();
    expect(await settlesWithin(waitingOnA, 1000)).toBe(true);
    expect(await waitingOnA).not.toBeNull();
  });

  it('gives up on slots left behind by a node that died mid-check', async () => {
    const { a, b, storeA, storeB } = await twoNodes();
    // Node A takes every slot of the account, its clock as if nearly two minutes ago, and dies.
    const then = Date.now() - 2 * 60_000 + 1500;
    for (let i = 0; i < 5; i++) await take(a, 'x', 'chutoa', then);
    await storeA.close();
    expect(await marks(storeB, 'slot', 'x|chutoa')).toBe(5);
    // While young they are any attempt's slots: node B waits for them …
    expect((await b.tryReserve('x', 'chutoa', Date.now())).kind).toBe('busy');

    // … and once they are too old to be a live check, it goes on.
    const started = Date.now();
    const attempt = await b.reserve('x', 'chutoa');
    expect(attempt).not.toBeNull();
    expect(Date.now() - started).toBeLessThan(5000);
    await attempt!.fail(Date.now());

    // Pruning deletes the dead slots and keeps the failure that still counts.
    await new PostgresThrottleState(storeB).prune(Date.now(), { failure: 5 * 60_000, success: 60_000 });
    expect(await marks(storeB, 'slot')).toBe(0);
    expect(await marks(storeB, 'failure', 'x|chutoa')).toBe(1);
  });

  it('deletes the failures of an account on a right password, on whichever node it is given', async () => {
    const { a, b, storeA } = await twoNodes();
    for (let i = 0; i < 4; i++) await (await take(a, 'x', 'chutoa')).fail(Date.now());
    expect(await marks(storeA, 'failure', 'x|chutoa')).toBe(4);
    await (await take(b, 'x', 'chutoa')).succeed();
    expect(await marks(storeA, 'failure', 'x|chutoa')).toBe(0);
    expect(await marks(storeA, 'failure', 'x')).toBe(4);
    expect(await marks(storeA, 'success', '*|chutoa')).toBe(1);
    expect(await marks(storeA, 'slot')).toBe(0);
  });
});
