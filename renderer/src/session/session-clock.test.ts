import { describe, expect, it } from 'vitest';
import { formatClock } from './session-clock.js';

describe('formatClock', () => {
  it('reads as minutes and seconds, hours past an hour, and a minus when over time', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(125)).toBe('02:05');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(formatClock(-30)).toBe('−00:30');
  });
});
