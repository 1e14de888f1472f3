import type { MarkAges, MarkCounts, ThrottleState, ThrottleView } from './login-throttle-state.js';

/**
 * The throttle's marks in this process's memory: the one node on a SQLite file. Nothing
 * outlives the process, so a slot never needs to be given up on (its holder dies with it).
 */
export class MemoryThrottleState implements ThrottleState {
  private readonly failures = new Map<string, number[]>();
  private readonly successes = new Map<string, number[]>();
  /** The attempts holding a slot under each key. */
  private readonly slots = new Map<string, Set<string>>();
  /**
   * The view's calls are promises, and between two awaits another reservation could read
   * the same counts: one exclusive section at a time keeps check-and-take atomic.
   */
  private tail: Promise<unknown> = Promise.resolve();

  readonly pollMs = (): null => null;

  exclusive<T>(_keys: readonly string[], work: (view: ThrottleView) => Promise<T>): Promise<T> {
    const run = this.tail.then(() => work(this.view));
    this.tail = run.catch(() => undefined);
    return run;
  }

  async prune(now: number, ages: MarkAges): Promise<void> {
    for (const key of [...this.failures.keys()]) this.recent(this.failures, key, now, ages.failure);
    for (const key of [...this.successes.keys()]) this.recent(this.successes, key, now, ages.success);
  }

  private readonly view: ThrottleView = {
    counts: async (keys, now, ages) => {
      const counts = new Map<string, MarkCounts>();
      for (const key of keys) {
        counts.set(key, {
          failures: this.recent(this.failures, key, now, ages.failure),
          successes: this.recent(this.successes, key, now, ages.success),
          slots: this.slots.get(key)?.size ?? 0,
        });
      }
      return counts;
    },
    takeSlots: async (attempt, keys) => {
      for (const key of keys) {
        const holders = this.slots.get(key) ?? new Set<string>();
        holders.add(attempt);
        this.slots.set(key, holders);
      }
    },
    dropSlots: async (attempt, keys) => {
      for (const key of keys) {
        const holders = this.slots.get(key);
        holders?.delete(attempt);
        if (holders?.size === 0) this.slots.delete(key);
      }
    },
    add: async (kind, keys, at) => {
      const marks = kind === 'failure' ? this.failures : this.successes;
      for (const key of keys) marks.set(key, [...(marks.get(key) ?? []), at]);
    },
    forgetFailures: async (keys) => {
      for (const key of keys) this.failures.delete(key);
    },
  };

  /** The marks of a key younger than `age`; older ones are dropped on the way. */
  private recent(marks: Map<string, number[]>, key: string, now: number, age: number): number {
    const list = marks.get(key);
    if (!list) return 0;
    const kept = list.filter((t) => now - t < age);
    if (kept.length === 0) marks.delete(key);
    else marks.set(key, kept);
    return kept.length;
  }
}
