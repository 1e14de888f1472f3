/**
 * A token bucket per socket: bursts up to `capacity` events, `perSecond` sustained. A
 * tablet replaying a long outbox slows down (it is told RATE_LIMITED and retries); a
 * flooding client cannot starve the others.
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

  take(now: number): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
