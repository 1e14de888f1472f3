import { describe, expect, it } from 'vitest';
import { formatAge } from './relative-time.js';

describe('formatAge', () => {
  const now = new Date('2026-12-03T07:00:00Z');
  it('says how long ago in the largest whole unit, in each language', () => {
    expect(formatAge('2026-12-03T06:55:00Z', now, 'en')).toMatch(/5 min/);
    expect(formatAge('2026-12-03T06:55:00Z', now, 'vi')).toMatch(/5 phút/);
    expect(formatAge('2026-12-01T07:00:00Z', now, 'en')).toMatch(/2 days/);
  });
  it('never says a time in the future', () => {
    expect(formatAge('2026-12-03T07:00:30Z', now, 'en')).toMatch(/0 sec/);
  });
});
