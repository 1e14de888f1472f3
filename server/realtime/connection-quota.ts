import { EventBudget } from './event-budget.js';

export interface QuotaLimits {
  /** Events a user may send at once, over all their sockets. */
  burst: number;
  /** Sustained events per second per user. */
  eventsPerSecond: number;
  socketsPerSession: number;
  socketsPerUser: number;
}

/** Which cap refused a socket. */
export type QuotaRefusal = 'session' | 'user';

interface UserQuota {
  budget: EventBudget;
  sockets: number;
  /** Set while the user has no socket and the bucket is still refilling. */
  forget: ReturnType<typeof setTimeout> | null;
}

/**
 * Live sockets per session and per user, and one event budget per user. The budget is the
 * user's, not the socket's, because a token opens any number of sockets: a per-socket budget
 * would let one person multiply it by opening more.
 */
export class ConnectionQuota {
  private readonly users = new Map<string, UserQuota>();
  private readonly sessions = new Map<string, number>();
  private readonly held = new Map<string, { userId: string; sessionId: string }>();

  constructor(
    private readonly limits: QuotaLimits,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Holds a place for the socket (once, however often asked), or says which cap is full. */
  admit(socketId: string, userId: string, sessionId: string): QuotaRefusal | null {
    if (this.held.has(socketId)) return null;
    const inSession = this.sessions.get(sessionId) ?? 0;
    if (inSession >= this.limits.socketsPerSession) return 'session';
    let user = this.users.get(userId);
    if (user && user.sockets >= this.limits.socketsPerUser) return 'user';
    if (!user) {
      user = {
        budget: new EventBudget(this.limits.burst, this.limits.eventsPerSecond, this.clock()),
        sockets: 0,
        forget: null,
      };
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
    const wait = user.budget.msUntilFull(this.clock());
    if (!(wait > 0 && Number.isFinite(wait))) {
      this.users.delete(place.userId);
      return;
    }
    user.forget = setTimeout(() => {
      if (this.users.get(place.userId) === user && user.sockets === 0) this.users.delete(place.userId);
    }, Math.ceil(wait));
    user.forget.unref();
  }

  /** Spends an event's cost from the budget of the socket's user. */
  take(socketId: string, cost = 1): boolean {
    const place = this.held.get(socketId);
    const user = place && this.users.get(place.userId);
    return user ? user.budget.take(this.clock(), cost) : false;
  }

  /** How many entries are kept, so tests can see nothing grows without bound. */
  get size(): { users: number; sessions: number; sockets: number } {
    return { users: this.users.size, sessions: this.sessions.size, sockets: this.held.size };
  }
}
