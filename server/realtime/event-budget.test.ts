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
});
