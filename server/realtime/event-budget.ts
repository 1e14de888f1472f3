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
