/**
 * A token bucket: bursts up to `capacity` events, `perSecond` sustained. A tablet replaying
 * a long outbox slows down (it is told RATE_LIMITED and retries); a flooding client cannot
 * starve the others.
 */
export class EventBudget {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  /** A cost above the capacity takes a full bucket, so that a small budget still allows it. */
  take(now: number, cost = 1): boolean {
    this.refill(now);
    const price = Math.min(cost, this.capacity);
    if (this.tokens < price) return false;
    this.tokens -= price;
    return true;
  }

  /** How long until the bucket is full again; a full bucket is as good as a new one. */
  msUntilFull(now: number): number {
    this.refill(now);
    return ((this.capacity - this.tokens) / this.perSecond) * 1000;
  }

  private refill(now: number): void {
    // A wall clock set back (NTP on the room's LAN) must not drain the bucket.
    const elapsed = Math.max(0, now - this.last);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed / 1000) * this.perSecond);
    this.last = now;
  }
}

/**
 * One user's event budget as one node sees it. On a single node (SQLite) it is the bucket
 * above, answered at once; on several nodes (PostgreSQL) it is a lease on the user's shared
 * bucket (leased-budget.ts), which may have to ask the database first.
 */
export interface UserBudget {
  /**
   * Charges an event: true or false at once, or, only when `mayWait`, a promise of the answer
   * (the node's lease is empty and a refill is on its way). The promise never rejects.
   */
  take(cost: number, mayWait: boolean): boolean | Promise<boolean>;
  /** How long this node must remember the user so that forgetting hands out no fresh burst. */
  msUntilFull(): number;
}

/** Makes the budget of a user this node has not seen yet (or has forgotten). */
export type BudgetFactory = (userId: string) => UserBudget;

export interface BudgetLimits {
  /** Events a user may send at once, over all their sockets. */
  burst: number;
  /** Sustained events per second per user. */
  eventsPerSecond: number;
}

/** The single node's budgets: each user's bucket in this process's memory, never waiting. */
export function localBudgets(limits: BudgetLimits, clock: () => number = Date.now): BudgetFactory {
  return () => {
    const bucket = new EventBudget(limits.burst, limits.eventsPerSecond, clock());
    return {
      take: (cost) => bucket.take(clock(), cost),
      msUntilFull: () => bucket.msUntilFull(clock()),
    };
  };
}
