/**
 * Where the sign-in throttle keeps its marks: failures, successes and slots in flight, each
 * under a throttle key (an address, an address with a user name, or a user name from every
 * address). The throttle's rules live once in login-throttle.ts; a state only stores and
 * counts, so that one SQLite node can keep it in memory and several nodes can share it in
 * PostgreSQL without the rules drifting apart.
 */
export interface ThrottleState {
  /**
   * How often an attempt waiting for a slot looks again. Null when every slot is freed on
   * this node, which wakes it; a slot freed on another node wakes nobody here.
   */
  readonly pollMs: () => number | null;
  /**
   * Runs `work` alone on these keys, on every node that shares the state: nothing else
   * counted under them changes between what `work` reads and what it writes. Otherwise two
   * nodes could both see a free slot and both take it.
   */
  exclusive<T>(keys: readonly string[], work: (view: ThrottleView) => Promise<T>): Promise<T>;
  /** Forgets marks that no longer count, so the state does not grow with every address ever seen. */
  prune(now: number, ages: MarkAges): Promise<void>;
}

/** How long each kind of mark counts, in milliseconds. */
export interface MarkAges {
  failure: number;
  success: number;
}

export interface MarkCounts {
  failures: number;
  successes: number;
  /** Slots in flight that are still alive (a state may give up on a slot whose node died). */
  slots: number;
}

/** The state as seen from inside `exclusive`: only the keys it was given. */
export interface ThrottleView {
  /** Marks of each key younger than `ages` at `now` (a mark counts while `now - at < age`). */
  counts(keys: readonly string[], now: number, ages: MarkAges): Promise<Map<string, MarkCounts>>;
  takeSlots(attempt: string, keys: readonly string[], now: number): Promise<void>;
  /** Frees every slot of the attempt (those under `keys`: the ones it took). */
  dropSlots(attempt: string, keys: readonly string[]): Promise<void>;
  add(kind: 'failure' | 'success', keys: readonly string[], at: number): Promise<void>;
  forgetFailures(keys: readonly string[]): Promise<void>;
}
