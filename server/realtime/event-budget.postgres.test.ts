import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase } from '../../test/support/postgres.js';
import { openPostgresStore, type PostgresStore } from '../db/postgres-store.js';
import type { BudgetLimits } from './event-budget.js';
import { LEASE_CHUNK_SHARE, LEASE_WAIT_MS, leaseFromDatabase, leasedBudgets, type Lessor } from './leased-budget.js';

const made: string[] = [];
const stores: PostgresStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const name of made.splice(0)) await dropDatabase(name);
});

/** Two server nodes on one fresh database. */
async function twoNodes(): Promise<[PostgresStore, PostgresStore]> {
  const db = await createDatabase();
  made.push(db.name);
  const a = await openPostgresStore(db.url, { poolSize: 4 });
  stores.push(a);
  const b = await openPostgresStore(db.url, { poolSize: 4 });
  stores.push(b);
  return [a, b];
}

function counted(lessor: Lessor): Lessor & { calls: number } {
  const wrapped = Object.assign(
    (userId: string, want: number) => {
      wrapped.calls += 1;
      return lessor(userId, want);
    },
    { calls: 0 },
  );
  return wrapped;
}

describe('event budget leased from PostgreSQL', () => {
  it('never hands two nodes more than the burst and its refill, however hard both are pushed', async () => {
    const limits: BudgetLimits = { burst: 100, eventsPerSecond: 20 };
    const chunk = limits.burst * LEASE_CHUNK_SHARE;
    const [a, b] = await twoNodes();
    const lessors = [counted(leaseFromDatabase(a.db, limits)), counted(leaseFromDatabase(b.db, limits))];
    const started = performance.now();
    const budgets = lessors.map((lessor) => leasedBudgets(lessor, limits)('u'));
    const answers = await Promise.all(
      budgets.flatMap((budget) => Array.from({ length: 500 }, () => budget.take(1, true))),
    );
    const seconds = (performance.now() - started) / 1000;
    const granted = answers.filter(Boolean).length;
    console.info(`two nodes: ${granted} of ${answers.length} granted in ${seconds.toFixed(3)} s`);
    // Less a fraction of a token that may stay in each node's lease.
    expect(granted).toBeGreaterThanOrEqual(limits.burst - 2);
    expect(granted).toBeLessThanOrEqual(limits.burst + 2 * chunk);
    expect(granted).toBeLessThanOrEqual(limits.burst + limits.eventsPerSecond * seconds + 1);
    // Waiters shared their node's refills: a handful of queries, not one per event.
    for (const lessor of lessors) expect(lessor.calls).toBeLessThanOrEqual(4);

    // Another user's bucket is their own.
    expect(await leasedBudgets(lessors[0]!, limits)('v').take(1, true)).toBe(true);
  });

  it('refuses the event whose lease the emptied bucket refuses, on every node', async () => {
    const limits: BudgetLimits = { burst: 8, eventsPerSecond: 0.001 };
    const [a, b] = await twoNodes();
    const onA = leasedBudgets(leaseFromDatabase(a.db, limits), limits)('u');
    let paid = 0;
    for (let i = 0; i < limits.burst; i++) if (await onA.take(1, true)) paid += 1;
    expect(paid).toBe(limits.burst);
    // The user's socket on node B comes now: B's lease finds the bucket empty, and the event
    // that waited for it is refused, as is the next one, without asking again.
    const lessorB = counted(leaseFromDatabase(b.db, limits));
    const onB = leasedBudgets(lessorB, limits)('u');
    expect(await onB.take(1, true)).toBe(false);
    expect(await onB.take(1, true)).toBe(false);
    expect(lessorB.calls).toBe(1);
    expect(await onA.take(1, true)).toBe(false);
  });

  it("lets an event through on the node's own budget when the budget row is held too long", async () => {
    const limits: BudgetLimits = { burst: 20, eventsPerSecond: 10 };
    const [a, b] = await twoNodes();
    // The row exists and is empty; another transaction holds it.
    const lessor = leaseFromDatabase(a.db, limits);
    expect(await lessor('u', limits.burst)).toBe(limits.burst);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = a.transaction(async (tx) => {
      await tx.selectFrom('event_budgets').select('tokens').where('user_id', '=', 'u').forUpdate().execute();
      locked();
      await held;
    });
    await isLocked;
    const started = performance.now();
    const vote = await leasedBudgets(leaseFromDatabase(b.db, limits), limits)('u').take(1, true);
    const waited = performance.now() - started;
    release();
    await holder;
    // A slow budget table does not fail a ballot: after LEASE_WAIT_MS the node's own bucket pays.
    expect(vote).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(LEASE_WAIT_MS - 20);
    expect(waited).toBeLessThan(LEASE_WAIT_MS + 1000);
  });
});
