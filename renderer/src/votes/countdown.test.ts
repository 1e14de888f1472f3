import { describe, expect, it } from 'vitest';
import { formatCountdown, secondsLeft } from './countdown.js';

describe('secondsLeft', () => {
  const end = '2026-11-24T10:00:00+07:00';
  const at = (iso: string) => Date.parse(iso);

  it('rounds up, so the last second still shows', () => {
    expect(secondsLeft(end, at('2026-11-24T02:59:00Z'))).toBe(60);
    expect(secondsLeft(end, at('2026-11-24T02:59:59.500Z'))).toBe(1);
  });

  it('never goes below zero, and is zero for a time it cannot read', () => {
    expect(secondsLeft(end, at('2026-11-24T03:00:05Z'))).toBe(0);
    expect(secondsLeft('soon', Date.now())).toBe(0);
  });
});

describe('formatCountdown', () => {
  it('writes minutes and seconds, and hours past an hour', () => {
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(245)).toBe('4:05');
    expect(formatCountdown(3723)).toBe('1:02:03');
    expect(formatCountdown(-4)).toBe('0:00');
  });
});
