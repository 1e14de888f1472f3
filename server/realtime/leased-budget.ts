import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { Store } from '../db/store.js';
import { EventBudget, type BudgetFactory, type BudgetLimits, type UserBudget } from './event-budget.js';

/**
 * The event budget of a user whose sockets may be spread over several nodes (PostgreSQL).
 *
 * The user's bucket lives in `event_budgets`, shared by every node. Asking the database on
 * every event would put a round trip (and a row lock every node contends on) before each
 * ballot, so a node LEASES tokens in chunks and charges events from its lease in memory; it
 * tops the lease up ahead of need, so an ordinary event never waits. Only an event that finds
 * the lease empty waits, for the one refill its node has in flight for that user.
 *
 * What this costs in exactness: a node holds at most about one chunk unused (the lease is
 * topped up to a chunk, or to what its waiting events cost, which the grant then pays out),
 * so over any stretch of time the user's events on all nodes together stay within the
 * bucket's burst + refill, plus at most one chunk per node held from before. A node that
 * forgets a user drops its lease: tokens are lost, never created.
 *
 * If the database does not answer (down, or slow past LEASE_WAIT_MS), the node neither lets
 * events through unbounded nor refuses them all: it charges its own in-memory bucket for the
 * user, the budget every node had before the buckets were shared. Refusing would make a
 * slow budget table fail a ballot in the middle of a vote, when the ballot's own transaction
 * may well succeed; letting everything through would leave a flood unbounded exactly when
 * the database is struggling. During such a spell a user may get up to one budget per node.
 * The node's bucket is charged for every event it grants, from the lease too, so an outage
 * does not hand anyone a fresh burst.
 */

/** A lease is this share of the burst: four round trips per burst, a quarter held per node. */
export const LEASE_CHUNK_SHARE = 0.25;
/** How long an event waits for its lease before the database counts as not answering. */
export const LEASE_WAIT_MS = 250;
/** After the database did not answer, how long before it is asked again for this user. */
export const UNANSWERED_RETRY_MS = 1000;

/** Asks the user's shared bucket for up to `want` tokens; resolves to how many it gave. */
export type Lessor = (userId: string, want: number) => Promise<number>;

/**
 * One atomic statement: refill the user's bucket by the time elapsed (up to the capacity),
 * take min(want, available), say how much was taken. Time is the database's clock, so nodes
 * whose clocks disagree still refill one bucket consistently; a clock set back refills nothing.
 *
 * RETURNING sees only the new row (PostgreSQL 15 has no OLD there), so the row keeps
 * `available - want` even when that is negative: the grant is then `want + tokens`, and a
 * negative value reads as an empty bucket on the next lease (greatest(tokens, 0)).
 */
export function leaseFromDatabase(db: Db, limits: BudgetLimits): Lessor {
  return async (userId, want) => {
    const asked = Math.min(want, limits.burst);
    const now = sql<number>`(extract(epoch from statement_timestamp()) * 1000)::bigint`;
    const capacity = sql<number>`${limits.burst}::float8`;
    const perMs = sql<number>`${limits.eventsPerSecond / 1000}::float8`;
    const take = sql<number>`${asked}::float8`;
    const row = await db
      .insertInto('event_budgets')
      .values({ user_id: userId, tokens: sql<number>`${capacity} - ${take}`, at: now })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({
          tokens: sql<number>`least(${capacity}, greatest(event_budgets.tokens, 0)
            + greatest(${now} - event_budgets.at, 0) * ${perMs}) - ${take}`,
          at: sql<number>`greatest(event_budgets.at, ${now})`,
        }),
      )
      .returning('tokens')
      .executeTakeFirstOrThrow();
    return Math.max(0, asked + Math.min(0, Number(row.tokens)));
  };
}

export interface LeaseOptions {
  clock?: () => number;
  /** Told each time the shared bucket did not answer (the caller limits its logging). */
  onUnanswered?: (error: unknown) => void;
  waitMs?: number;
}

interface Waiter {
  price: number;
  /** The refill in flight was sized with this event in mind: if it cannot pay, nothing will. */
  asked: boolean;
  answer: (paid: boolean) => void;
}

/** One user's lease on this node. */
export class LeasedBudget implements UserBudget {
  private lease = 0;
  private readonly waiters: Waiter[] = [];
  private asking = false;
  /** No refill before this: the bucket was found short, or the database did not answer. */
  private quietUntil = 0;
  /** The last refill failed or timed out: events past the lease go to `local` until one succeeds. */
  private unanswered = false;
  /** This node's own bucket for the user: charged for every event granted here, used alone when unanswered. */
  private readonly local: EventBudget;
  private readonly chunk: number;
  private readonly clock: () => number;

  constructor(
    private readonly userId: string,
    private readonly limits: BudgetLimits,
    private readonly lessor: Lessor,
    private readonly options: LeaseOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.local = new EventBudget(limits.burst, limits.eventsPerSecond, this.clock());
    this.chunk = limits.burst * LEASE_CHUNK_SHARE;
  }

  take(cost: number, mayWait: boolean): boolean | Promise<boolean> {
    const now = this.clock();
    // As the in-memory bucket: a cost above the capacity takes a full bucket.
    const price = Math.min(cost, this.limits.burst);
    // First come, first served: while events wait, a newcomer does not slip past them.
    if (this.waiters.length === 0 && this.lease >= price) {
      this.pay(price, now);
      this.refillAhead();
      return true;
    }
    if (this.unanswered) {
      this.refillAhead();
      return this.local.take(now, price);
    }
    // A full socket queue, or a bucket found short a moment ago: refused at once, as the
    // in-memory bucket refuses an event it cannot pay.
    if (!mayWait || now < this.quietUntil) {
      this.refillAhead();
      return false;
    }
    return new Promise<boolean>((answer) => {
      this.waiters.push({ price, asked: false, answer });
      if (!this.asking) this.ask();
    });
  }

  /** Tops the lease up before it runs out, so the common path never waits. */
  refillAhead(): void {
    if (this.lease < this.chunk / 2 && !this.asking && this.clock() >= this.quietUntil) this.ask();
  }

  /**
   * Kept until the node's own bucket is full and the lease would have refilled in the shared
   * one: a user who closes every socket and comes straight back finds both again.
   */
  msUntilFull(): number {
    const leaseMs = (this.lease / this.limits.eventsPerSecond) * 1000;
    return Math.max(this.local.msUntilFull(this.clock()), leaseMs);
  }

  private pay(price: number, now: number): void {
    this.lease -= price;
    // Its answer does not matter here: it only keeps track of what this node let through.
    this.local.take(now, price);
  }

  /** One refill at a time per user and node: every waiter of the user shares it. */
  private ask(): void {
    const waiting = this.waiters.reduce((sum, w) => sum + w.price, 0);
    const want = Math.min(this.limits.burst, Math.max(this.chunk, waiting) - this.lease);
    for (const w of this.waiters) w.asked = true;
    this.asking = true;
    let settled = false;
    const timer = setTimeout(() => {
      // The request stays out (and `asking` set, so no second one piles up); its grant, if it
      // comes, still joins the lease.
      if (!settled) this.notAnswered(new Error(`event budget lease took over ${this.waitMs} ms`));
    }, this.waitMs);
    timer.unref?.();
    this.lessor(this.userId, want).then(
      (granted) => {
        settled = true;
        clearTimeout(timer);
        this.asking = false;
        this.granted(want, granted);
      },
      (error: unknown) => {
        settled = true;
        clearTimeout(timer);
        this.asking = false;
        this.notAnswered(error);
      },
    );
  }

  private granted(want: number, granted: number): void {
    const now = this.clock();
    this.unanswered = false;
    this.lease += granted;
    if (granted < want - 1e-9) {
      // The bucket is short: ask again once it has had time to refill what was missing (at
      // most a chunk), so an emptied bucket costs a query per refill, not one per event.
      this.quietUntil = now + (Math.min(want - granted, this.chunk) / this.limits.eventsPerSecond) * 1000;
    }
    const later: Waiter[] = [];
    for (const w of this.waiters.splice(0)) {
      if (this.lease >= w.price) {
        this.pay(w.price, now);
        w.answer(true);
      } else if (w.asked || now < this.quietUntil) w.answer(false);
      else later.push(w);
    }
    // Events that came while the request was out were not counted in it: one more for them.
    this.waiters.push(...later);
    if (later.length > 0) this.ask();
    else this.refillAhead();
  }

  private notAnswered(error: unknown): void {
    const now = this.clock();
    this.unanswered = true;
    this.quietUntil = now + UNANSWERED_RETRY_MS;
    this.options.onUnanswered?.(error);
    for (const w of this.waiters.splice(0)) {
      if (this.lease >= w.price) {
        this.pay(w.price, now);
        w.answer(true);
      } else w.answer(this.local.take(now, w.price));
    }
  }

  private get waitMs(): number {
    return this.options.waitMs ?? LEASE_WAIT_MS;
  }
}

/** Budgets leased from a shared bucket; each user's first lease is asked for as they connect. */
export function leasedBudgets(lessor: Lessor, limits: BudgetLimits, options: LeaseOptions = {}): BudgetFactory {
  return (userId) => {
    const budget = new LeasedBudget(userId, limits, lessor, options);
    budget.refillAhead();
    return budget;
  };
}

/**
 * The budgets a node uses: shared through `event_budgets` on PostgreSQL, where several nodes
 * may serve one user; undefined (the in-memory ones) on SQLite, where there is one node.
 */
export function budgetsFor(
  store: Store,
  limits: BudgetLimits,
  logger: { warn(obj: unknown, msg: string): void },
): BudgetFactory | undefined {
  if (store.dialect !== 'postgres') return undefined;
  let warnedAt = -Infinity;
  return leasedBudgets(leaseFromDatabase(store.db, limits), limits, {
    onUnanswered: (error) => {
      // Once per user per retry would flood the log during an outage: once per ten seconds.
      const now = Date.now();
      if (now - warnedAt < 10_000) return;
      warnedAt = now;
      logger.warn({ err: error }, "event budget: the shared bucket did not answer; charging this node's bucket");
    },
  });
}
