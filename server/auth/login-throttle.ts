/**
 * Counts failed sign-ins per (address, user name) and per address in a sliding window.
 * Only failures count, so a room of fifty delegates signing in at once is never slowed.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly perAccount = 5,
    private readonly perAddress = 30,
    private readonly windowMs = 5 * 60 * 1000,
  ) {}

  isBlocked(address: string, username: string, now: number): boolean {
    return (
      this.recent(accountKey(address, username), now) >= this.perAccount || this.recent(address, now) >= this.perAddress
    );
  }

  recordFailure(address: string, username: string, now: number): void {
    for (const key of [accountKey(address, username), address]) {
      const list = this.failures.get(key) ?? [];
      list.push(now);
      this.failures.set(key, list);
    }
  }

  recordSuccess(address: string, username: string): void {
    this.failures.delete(accountKey(address, username));
  }

  private recent(key: string, now: number): number {
    const list = this.failures.get(key);
    if (!list) return 0;
    const kept = list.filter((t) => now - t < this.windowMs);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept.length;
  }
}

function accountKey(address: string, username: string): string {
  return `${address}|${username.toLowerCase()}`;
}
