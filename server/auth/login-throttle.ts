/**
 * Counts failed sign-ins per (address, user name) and per address in a sliding window.
 * Only failures count, so a room of fifty delegates signing in at once is never refused.
 *
 * Checking the count before the slow password check and adding to it afterwards lets every
 * parallel attempt pass the check before the first failure is counted. So an attempt takes
 * a slot before its check starts and holds it until it turns into a failure or is given
 * back. While the failures plus the slots in flight fill a limit, a newcomer waits for a
 * slot to come free instead of being refused: a right password gives its slot back and the
 * next one goes on; a wrong one keeps it as a failure. The failures can thus never pass a
 * limit, and an attempt is refused only when the failures alone reach it.
 *
 * Three counts: per (address, user name), per address, and per user name from every
 * address, because anyone on a LAN can take more addresses; the last one stops only the
 * addresses that have failed for that name, so that nobody can lock a person out.
 * Successful sign-ins of one user name are bounded too (each costs a password hash and
 * makes a session), so a script cannot spend the server's hashing on itself.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly inFlight = new Map<string, number>();
  private readonly waiters = new Map<string, Array<() => void>>();
  private readonly successes = new Map<string, number[]>();

  constructor(
    private readonly perAccount = 5,
    private readonly perAddress = 30,
    private readonly windowMs = 5 * 60 * 1000,
    private readonly perUsername = 15,
    private readonly successesPerMinute = 10,
  ) {}

  /** An attempt to check the password with, or null when this sign-in is refused. */
  async reserve(address: string, username: string, clock: () => number = Date.now): Promise<LoginAttempt | null> {
    for (;;) {
      const outcome = this.tryReserve(address, username, clock());
      if (outcome.kind === 'granted') return outcome.attempt;
      if (outcome.kind === 'blocked') return null;
      await this.slotFreed(outcome.keys);
    }
  }

  /**
   * Decides at once: `granted` takes a slot, `blocked` means the failures reached a limit,
   * `busy` means slots in flight fill it for now (the attempt may go on once one is freed).
   */
  tryReserve(address: string, username: string, now: number): Reservation {
    const account = accountKey(address, username);
    const name = usernameKey(username);
    if (this.recentSuccesses(name, now) >= this.successesPerMinute) return { kind: 'blocked' };
    const limits: Array<[string, number]> = [
      [account, this.perAccount],
      [address, this.perAddress],
    ];
    // The count of a name from every address stops only addresses that failed for it: an
    // attacker's many addresses get one guess each past it, and the person, from a device
    // that has not failed, still signs in (a lock on the name alone would lock them out).
    if (this.recent(account, now) > 0) limits.push([name, this.perUsername]);
    const busy: string[] = [];
    for (const [key, limit] of limits) {
      const failed = this.recent(key, now);
      if (failed >= limit) return { kind: 'blocked' };
      if (failed + (this.inFlight.get(key) ?? 0) >= limit) busy.push(key);
    }
    if (busy.length > 0) return { kind: 'busy', keys: busy };
    for (const [key] of limits) this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    return { kind: 'granted', attempt: this.attempt(account, address, name) };
  }

  private attempt(account: string, address: string, name: string): LoginAttempt {
    const keys = [account, address, name];
    let settled = false;
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      for (const key of keys) {
        const left = (this.inFlight.get(key) ?? 1) - 1;
        if (left > 0) this.inFlight.set(key, left);
        else this.inFlight.delete(key);
      }
      then();
      for (const key of keys) this.wake(key);
    };
    return {
      fail: (now) =>
        settle(() => {
          for (const key of keys) {
            const list = this.failures.get(key) ?? [];
            list.push(now);
            this.failures.set(key, list);
          }
        }),
      succeed: (now = Date.now()) =>
        settle(() => {
          this.failures.delete(account);
          this.failures.delete(name);
          this.successes.set(name, [...(this.successes.get(name) ?? []), now]);
        }),
      release: () => settle(() => undefined),
    };
  }

  private slotFreed(keys: string[]): Promise<void> {
    return new Promise((resolve) => {
      for (const key of keys) {
        const list = this.waiters.get(key) ?? [];
        list.push(resolve);
        this.waiters.set(key, list);
      }
    });
  }

  private wake(key: string): void {
    const list = this.waiters.get(key);
    if (!list) return;
    this.waiters.delete(key);
    for (const resolve of list) resolve();
  }

  private recentSuccesses(key: string, now: number): number {
    const kept = (this.successes.get(key) ?? []).filter((t) => now - t < 60_000);
    if (kept.length === 0) this.successes.delete(key);
    else this.successes.set(key, kept);
    return kept.length;
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

/** A slot taken by one sign-in; only the first of its three calls counts. */
export interface LoginAttempt {
  /** The password was wrong, or the account unknown or disabled: the slot stays as a failure. */
  fail(now: number): void;
  /** The password was right: the slot is freed and the account's failures forgotten. */
  succeed(now?: number): void;
  /** The check did not finish (a server error): the slot is freed and nothing counts. */
  release(): void;
}

export type Reservation =
  { kind: 'granted'; attempt: LoginAttempt } | { kind: 'blocked' } | { kind: 'busy'; keys: string[] };

function accountKey(address: string, username: string): string {
  return `${address}|${username.toLowerCase()}`;
}

/** No address holds a `*`, so this key never meets an address's own. */
function usernameKey(username: string): string {
  return `*|${username.toLowerCase()}`;
}
