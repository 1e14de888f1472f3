import { randomUUID } from 'node:crypto';
import { MemoryThrottleState } from './login-throttle-memory.js';
import type { MarkAges, ThrottleState, ThrottleView } from './login-throttle-state.js';

export interface ThrottleLimits {
  /** Failures of one user name from one address. */
  perAccount: number;
  /** Failures from one address, whatever the name. */
  perAddress: number;
  windowMs: number;
  /** Failures of one user name from every address (see below whom it stops). */
  perUsername: number;
  successesPerMinute: number;
}

const DEFAULT_LIMITS: ThrottleLimits = {
  perAccount: 5,
  perAddress: 30,
  windowMs: 5 * 60 * 1000,
  perUsername: 15,
  successesPerMinute: 10,
};

/** How often marks that no longer count are forgotten. */
const PRUNE_EVERY_MS = 60_000;

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
 *
 * The marks live in a `ThrottleState`: in memory on the one SQLite node, in PostgreSQL when
 * several nodes share a database (otherwise spreading guesses over three nodes would buy
 * three times the guesses). Each check-and-take and each settling runs in the state's
 * `exclusive`, which on PostgreSQL is one transaction holding locks on the keys.
 */
export class LoginThrottle {
  private readonly limits: ThrottleLimits;
  private readonly waiters = new Map<string, Set<() => void>>();
  /** Slots given back on this node so far: a waiter that missed a wake-up sees it moved. */
  private settles = 0;
  private lastPrune = -Infinity;

  constructor(
    limits: Partial<ThrottleLimits> = {},
    private readonly state: ThrottleState = new MemoryThrottleState(),
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** An attempt to check the password with, or null when this sign-in is refused. */
  async reserve(address: string, username: string, clock: () => number = Date.now): Promise<LoginAttempt | null> {
    const outcome = await this.admit(address, username, clock);
    return 'retryAfterMs' in outcome ? null : outcome;
  }

  /** An attempt to check the password with, or how long the refused person should wait. */
  async admit(address: string, username: string, clock: () => number = Date.now): Promise<LoginAttempt | Refusal> {
    for (;;) {
      const seen = this.settles;
      const outcome = await this.tryReserve(address, username, clock());
      if (outcome.kind === 'granted') return outcome.attempt;
      if (outcome.kind === 'blocked') return { retryAfterMs: outcome.retryAfterMs };
      // A slot freed here while the counts were being read would wake nobody: look again at once.
      if (this.settles !== seen) continue;
      await this.slotFreed(outcome.keys);
    }
  }

  /**
   * Decides at once: `granted` takes a slot, `blocked` means the failures reached a limit,
   * `busy` means slots in flight fill it for now (the attempt may go on once one is freed).
   */
  async tryReserve(address: string, username: string, now: number): Promise<Reservation> {
    this.pruneNowAndThen(now);
    const account = accountKey(address, username);
    const name = usernameKey(username);
    const keys = [account, address, name];
    return this.state.exclusive(keys, async (view) => {
      const counts = await view.counts(keys, now, this.ages());
      const count = (key: string) => counts.get(key) ?? { failures: 0, successes: 0, slots: 0 };
      // The wait said is the whole window: the marks are counted, not dated, and by then every
      // one that refuses now has aged out (a longer wait than needed, never a shorter one).
      if (count(name).successes >= this.limits.successesPerMinute)
        return { kind: 'blocked', retryAfterMs: this.ages().success };
      const limits: Array<[string, number]> = [
        [account, this.limits.perAccount],
        [address, this.limits.perAddress],
      ];
      // The count of a name from every address stops only addresses that failed for it: an
      // attacker's many addresses get one guess each past it, and the person, from a device
      // that has not failed, still signs in (a lock on the name alone would lock them out).
      if (count(account).failures > 0) limits.push([name, this.limits.perUsername]);
      const busy: string[] = [];
      for (const [key, limit] of limits) {
        const { failures, slots } = count(key);
        if (failures >= limit) return { kind: 'blocked', retryAfterMs: this.ages().failure };
        if (failures + slots >= limit) busy.push(key);
      }
      if (busy.length > 0) return { kind: 'busy', keys: busy };
      const id = randomUUID();
      const held = limits.map(([key]) => key);
      await view.takeSlots(id, held, now);
      return { kind: 'granted', attempt: this.attempt(id, held, account, address, name) };
    });
  }

  /** `held`: the keys whose slots the attempt took; a failure still counts under all three. */
  private attempt(id: string, held: string[], account: string, address: string, name: string): LoginAttempt {
    const keys = [account, address, name];
    let settled = false;
    const settle = async (then: (view: ThrottleView) => Promise<void>) => {
      if (settled) return;
      settled = true;
      try {
        await this.state.exclusive(keys, async (view) => {
          await view.dropSlots(id, held);
          await then(view);
        });
      } catch (error) {
        // Nothing was written: a later call (the route's release) may try again.
        settled = false;
        throw error;
      } finally {
        this.settles++;
        for (const key of keys) this.wake(key);
      }
    };
    return {
      fail: (now) => settle((view) => view.add('failure', keys, now)),
      succeed: (now = Date.now()) =>
        settle(async (view) => {
          await view.forgetFailures([account, name]);
          await view.add('success', [name], now);
        }),
      release: () => settle(async () => undefined),
    };
  }

  /**
   * Resolves when a slot under one of the keys is freed on this node, or, where slots are
   * shared with other nodes (whose frees wake nobody here), after the state's poll interval.
   */
  private slotFreed(keys: string[]): Promise<void> {
    return new Promise((resolve) => {
      const pollMs = this.state.pollMs();
      const timer = pollMs === null ? undefined : setTimeout(() => done(), pollMs);
      const done = () => {
        clearTimeout(timer);
        // Gone from every list, so keys that are never woken here do not gather dead waiters.
        for (const key of keys) {
          const list = this.waiters.get(key);
          list?.delete(done);
          if (list?.size === 0) this.waiters.delete(key);
        }
        resolve();
      };
      for (const key of keys) {
        const list = this.waiters.get(key) ?? new Set<() => void>();
        list.add(done);
        this.waiters.set(key, list);
      }
    });
  }

  private wake(key: string): void {
    const list = this.waiters.get(key);
    if (!list) return;
    for (const done of [...list]) done();
  }

  private ages(): MarkAges {
    return { failure: this.limits.windowMs, success: 60_000 };
  }

  /** Marks past their window would only fill the state; a failed prune is tried again later. */
  private pruneNowAndThen(now: number): void {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    this.state.prune(now, this.ages()).catch(() => undefined);
  }
}

/** A slot taken by one sign-in; only the first of its three calls counts. */
export interface LoginAttempt {
  /** The password was wrong, or the account unknown or disabled: the slot stays as a failure. */
  fail(now: number): Promise<void>;
  /** The password was right: the slot is freed and the account's failures forgotten. */
  succeed(now?: number): Promise<void>;
  /** The check did not finish (a server error): the slot is freed and nothing counts. */
  release(): Promise<void>;
}

export type Reservation =
  | { kind: 'granted'; attempt: LoginAttempt }
  | { kind: 'blocked'; retryAfterMs: number }
  | { kind: 'busy'; keys: string[] };

/** A refused sign-in: after this long, the marks that refused it no longer count. */
export interface Refusal {
  retryAfterMs: number;
}

function accountKey(address: string, username: string): string {
  return `${address}|${username.toLowerCase()}`;
}

/** No address holds a `*`, so this key never meets an address's own. */
function usernameKey(username: string): string {
  return `*|${username.toLowerCase()}`;
}
