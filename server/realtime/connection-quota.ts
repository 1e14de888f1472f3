import { localBudgets, type BudgetFactory, type BudgetLimits, type UserBudget } from './event-budget.js';

export interface QuotaLimits extends BudgetLimits {
  /** Live sockets per sign-in, on this node. */
  socketsPerSession: number;
  /** Live sockets per user, on this node. */
  socketsPerUser: number;
}

/**
 * Events one socket may have accepted and not yet answered before an event that would have
 * to wait for the budget is refused at once. Events the budget pays at once are bounded by
 * the budget itself; this bounds the ones waiting for a shared budget's lease.
 */
export const MAX_PENDING_EVENTS = 32;

/** Which cap refused a socket. */
export type QuotaRefusal = 'session' | 'user';

interface UserQuota {
  budget: UserBudget;
  sockets: number;
  /** Set while the user has no socket and the bucket is still refilling. */
  forget: ReturnType<typeof setTimeout> | null;
}

/**
 * Live sockets per session and per user, and one event budget per user. The budget is the
 * user's, not the socket's, because a token opens any number of sockets: a per-socket budget
 * would let one person multiply it by opening more.
 *
 * The socket caps are counted per node: with several nodes a user may hold the caps on each.
 * That is accepted: a socket costs memory on its own node only, and the events sent over all
 * of them still come out of the one budget when `budgets` is the shared one (leased-budget.ts).
 */
export class ConnectionQuota {
  private readonly users = new Map<string, UserQuota>();
  private readonly sessions = new Map<string, number>();
  private readonly held = new Map<string, { userId: string; sessionId: string }>();

  private readonly budgets: BudgetFactory;

  constructor(
    private readonly limits: QuotaLimits,
    clock: () => number = Date.now,
    /** Where each user's budget lives; by default in this process's memory (one node). */
    budgets?: BudgetFactory,
  ) {
    this.budgets = budgets ?? localBudgets(limits, clock);
  }

  /** Holds a place for the socket (once, however often asked), or says which cap is full. */
  admit(socketId: string, userId: string, sessionId: string): QuotaRefusal | null {
    if (this.held.has(socketId)) return null;
    const inSession = this.sessions.get(sessionId) ?? 0;
    if (inSession >= this.limits.socketsPerSession) return 'session';
    let user = this.users.get(userId);
    if (user && user.sockets >= this.limits.socketsPerUser) return 'user';
    if (!user) {
      user = { budget: this.budgets(userId), sockets: 0, forget: null };
      this.users.set(userId, user);
    }
    if (user.forget) {
      clearTimeout(user.forget);
      user.forget = null;
    }
    user.sockets += 1;
    this.sessions.set(sessionId, inSession + 1);
    this.held.set(socketId, { userId, sessionId });
    return null;
  }

  /** Gives the socket's place back; safe to call more than once. */
  release(socketId: string): void {
    const place = this.held.get(socketId);
    if (!place) return;
    this.held.delete(socketId);
    const inSession = (this.sessions.get(place.sessionId) ?? 1) - 1;
    if (inSession > 0) this.sessions.set(place.sessionId, inSession);
    else this.sessions.delete(place.sessionId);
    const user = this.users.get(place.userId);
    if (!user) return;
    user.sockets -= 1;
    if (user.sockets > 0) return;
    // Dropping a drained bucket at once would hand a fresh burst to anyone who closes all
    // their sockets and reconnects; a full one is as good as a new one, so it goes then.
    const wait = user.budget.msUntilFull();
    if (!(wait > 0 && Number.isFinite(wait))) {
      this.users.delete(place.userId);
      return;
    }
    user.forget = setTimeout(() => {
      if (this.users.get(place.userId) === user && user.sockets === 0) this.users.delete(place.userId);
    }, Math.ceil(wait));
    user.forget.unref();
  }

  /**
   * Spends an event's cost from the budget of the socket's user: true or false at once, or,
   * if `mayWait` and the budget must ask the shared bucket first, a promise of the answer.
   * The in-memory budget never waits.
   */
  take(socketId: string, cost = 1, mayWait = false): boolean | Promise<boolean> {
    const place = this.held.get(socketId);
    const user = place && this.users.get(place.userId);
    return user ? user.budget.take(cost, mayWait) : false;
  }

  /** How many entries are kept, so tests can see nothing grows without bound. */
  get size(): { users: number; sessions: number; sockets: number } {
    return { users: this.users.size, sessions: this.sessions.size, sockets: this.held.size };
  }
}
