import { describe, expect, it } from 'vitest';
import { EventBudget } from './event-budget.js';

describe('event budget', () => {
  it('allows a burst, then the sustained rate', () => {
    const b = new EventBudget(3, 2, 0);
    expect([b.take(0), b.take(0), b.take(0), b.take(0)]).toEqual([true, true, true, false]);
    expect(b.take(500)).toBe(true);
    expect(b.take(500)).toBe(false);
    expect(b.take(10_000)).toBe(true);
  });

  it('says when it is full again', () => {
    const b = new EventBudget(4, 2, 0);
    expect(b.msUntilFull(0)).toBe(0);
    b.take(0);
    b.take(0);
    expect(b.msUntilFull(0)).toBe(1000);
    expect(b.msUntilFull(500)).toBe(500);
  });

  it('is not drained by a clock set back', () => {
    const b = new EventBudget(2, 1, 10_000);
    expect(b.take(5_000)).toBe(true);
    expect(b.take(5_000)).toBe(true);
    expect(b.take(5_000)).toBe(false);
  });
});
