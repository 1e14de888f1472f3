import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LEASE_WAIT_MS, type LeasedBudget, UNANSWERED_RETRY_MS, leasedBudgets, type Lessor } from './leased-budget.js';

const limits = { burst: 40, eventsPerSecond: 10 };
const chunk = limits.burst / 4;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A shared bucket in memory that answers when told to, and remembers what it was asked. */
function fakeBucket(tokens: number) {
  const asked: number[] = [];
  const open: Array<() => void> = [];
  const bucket = {
    tokens,
    asked,
    fail: false,
    hang: false,
    lessor: ((_userId, want) => {
      asked.push(want);
      return new Promise<number>((resolve, reject) => {
        if (bucket.hang) return;
        open.push(() => {
          if (bucket.fail) return reject(new Error('database gone'));
          const granted = Math.min(want, bucket.tokens);
          bucket.tokens -= granted;
          resolve(granted);
        });
      });
    }) as Lessor,
    /** Answers every request out, and those they lead to, until none is left. */
    async answerAll() {
      for (let i = 0; i < 20 && open.length > 0; i++) {
        for (const answer of open.splice(0)) answer();
        await vi.advanceTimersByTimeAsync(0);
      }
    },
  };
  return bucket;
}

const budget = (bucket: ReturnType<typeof fakeBucket>) =>
  leasedBudgets(bucket.lessor, limits, { clock: () => Date.now() })('u') as LeasedBudget;

describe('leased event budget', () => {
  it('leases as the user arrives, pays from the lease at once, and tops it up ahead of need', async () => {
    const bucket = fakeBucket(1000);
    const b = budget(bucket);
    expect(bucket.asked).toEqual([chunk]);
    await bucket.answerAll();
    // Half the chunk is paid at once; below half, one refill goes out while events go on.
    const answers = Array.from({ length: chunk / 2 + 1 }, () => b.take(1, false));
    expect(answers.every((a) => a === true)).toBe(true);
    expect(bucket.asked).toEqual([chunk, chunk / 2 + 1]);
    await bucket.answerAll();
    expect(Array.from({ length: chunk / 2 }, () => b.take(1, false)).every((a) => a === true)).toBe(true);
  });

  it('lets waiters of one user share a refill, and refuses at once an event that may not wait', async () => {
    const bucket = fakeBucket(1000);
    const b = budget(bucket);
    const waiting = Array.from({ length: 30 }, () => b.take(1, true));
    expect(waiting.every((a) => a instanceof Promise)).toBe(true);
    expect(b.take(1, false)).toBe(false);
    expect(bucket.asked).toHaveLength(1);
    await bucket.answerAll();
    expect(await Promise.all(waiting)).toEqual(waiting.map(() => true));
    // The first refill was sized before they came; one more paid for all the others, and a
    // third tops the emptied lease up again.
    expect(bucket.asked).toEqual([chunk, waiting.length - chunk, chunk]);
  });

  it('refuses the events a short bucket cannot pay, and asks it again only once it has refilled', async () => {
    const bucket = fakeBucket(3);
    const b = budget(bucket);
    const waiting = Array.from({ length: 5 }, () => b.take(1, true));
    await bucket.answerAll();
    expect(await Promise.all(waiting)).toEqual([true, true, true, false, false]);
    const asked = bucket.asked.length;
    expect(b.take(1, true)).toBe(false);
    expect(bucket.asked).toHaveLength(asked);
    bucket.tokens = 100;
    await vi.advanceTimersByTimeAsync((chunk / limits.eventsPerSecond) * 1000);
    const later = b.take(1, true);
    await bucket.answerAll();
    expect(await later).toBe(true);
  });

  it("charges the node's own bucket when the shared one fails, and tries it again later", async () => {
    const bucket = fakeBucket(1000);
    bucket.fail = true;
    const b = budget(bucket);
    const waiting = Array.from({ length: limits.burst + 5 }, () => b.take(1, true));
    await bucket.answerAll();
    const answers = await Promise.all(waiting);
    // Neither every event refused nor every one let through: the node's own budget.
    expect(answers.filter(Boolean)).toHaveLength(limits.burst);
    expect(b.take(1, true)).toBe(false);
    const asked = bucket.asked.length;
    bucket.fail = false;
    await vi.advanceTimersByTimeAsync(UNANSWERED_RETRY_MS);
    b.take(1, true);
    expect(bucket.asked.length).toBe(asked + 1);
    await bucket.answerAll();
    expect(b.take(1, true)).toBe(true);
  });

  it('answers a waiter from the node’s bucket when the shared one is too slow', async () => {
    const bucket = fakeBucket(1000);
    bucket.hang = true;
    const b = budget(bucket);
    const vote = b.take(1, true);
    let answer: boolean | undefined;
    void Promise.resolve(vote).then((a) => (answer = a));
    await vi.advanceTimersByTimeAsync(LEASE_WAIT_MS - 1);
    expect(answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(answer).toBe(true);
    // Still out: no second request piles up behind the first.
    expect(b.take(1, true)).toBe(true);
    expect(bucket.asked).toHaveLength(1);
  });

  it('is remembered until its lease would have refilled in the shared bucket', async () => {
    const bucket = fakeBucket(1000);
    const b = budget(bucket);
    await bucket.answerAll();
    expect(b.msUntilFull()).toBe((chunk / limits.eventsPerSecond) * 1000);
  });
});
