const MINUTE_MS = 60_000;

/**
 * A per-person budget of requests a minute. The map is swept now and then so that it holds
 * only those who asked lately.
 */
export class PerMinuteBudget {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => Date,
  ) {}

  /** Counts a request of the person, or false past the budget. */
  admit(userId: string): boolean {
    const t = this.now().getTime();
    if (this.recent.size > 1000)
      for (const [id, times] of this.recent) if (times.every((x) => t - x >= MINUTE_MS)) this.recent.delete(id);
    const times = (this.recent.get(userId) ?? []).filter((x) => t - x < MINUTE_MS);
    if (times.length >= this.perMinute) {
      this.recent.set(userId, times);
      return false;
    }
    times.push(t);
    this.recent.set(userId, times);
    return true;
  }
}

/**
 * The assistant's work runs on this node's main thread: one request at a time per person and
 * a few at once in all, whatever the kind, so that one tablet cannot starve the room. A
 * person's second request waits for their first rather than being refused: a tablet fetches
 * briefs unasked, and the panel its user opens meanwhile must not say "too many tries". A
 * third at once is refused.
 */
export class AssistantSlots {
  /** Per person, their request running now: settles once it has ended and left its slot. */
  private readonly busy = new Map<string, Promise<void>>();
  /** Those with a request waiting behind their running one. */
  private readonly waiting = new Set<string>();

  constructor(private readonly atOnce: number) {}

  /** Runs `work` for the person once their slot is free, if a node slot is and the budget admits it; else RATE_LIMITED. */
  async run<T>(userId: string, budget: PerMinuteBudget, work: () => Promise<T>): Promise<T | 'RATE_LIMITED'> {
    const running = this.busy.get(userId);
    if (running) {
      if (this.waiting.has(userId)) return 'RATE_LIMITED';
      this.waiting.add(userId);
      await running;
      this.waiting.delete(userId);
    }
    if (this.busy.has(userId) || this.busy.size >= this.atOnce || !budget.admit(userId)) return 'RATE_LIMITED';
    let release = () => {};
    this.busy.set(userId, new Promise<void>((resolve) => (release = resolve)));
    try {
      return await work();
    } finally {
      this.busy.delete(userId);
      release();
    }
  }
}
