import { describe, expect, it } from 'vitest';
import {
  atOffsetOf,
  formatAge,
  formatMeetingTime,
  fromDateTimeLocalValue,
  offsetMinutesOf,
  toDateTimeLocalValue,
} from './datetime.js';

describe('datetime-local conversion', () => {
  it('round-trips a wall-clock time through ISO with this device’s offset', () => {
    const iso = fromDateTimeLocalValue('2025-03-10T09:30');
    expect(iso).toMatch(/^2025-03-10T09:30:00[+-]\d{2}:\d{2}$/);
    expect(toDateTimeLocalValue(iso!)).toBe('2025-03-10T09:30');
  });

  it('keeps the meeting’s own offset, whatever the device’s time zone', () => {
    expect(toDateTimeLocalValue('2026-11-25T08:00:00+07:00')).toBe('2026-11-25T08:00');
    expect(fromDateTimeLocalValue('2026-11-25T09:15', 420)).toBe('2026-11-25T09:15:00+07:00');
    expect(fromDateTimeLocalValue('2026-11-25T09:15', -150)).toBe('2026-11-25T09:15:00-02:30');
  });

  it('refuses what is not a datetime-local value', () => {
    expect(fromDateTimeLocalValue('')).toBeNull();
    expect(fromDateTimeLocalValue('10/03/2025 09:30')).toBeNull();
    expect(fromDateTimeLocalValue('2025-02-31T09:30')).toBeNull();
  });

  it('reads the offset of an ISO time', () => {
    expect(offsetMinutesOf('2026-11-25T08:00:00+07:00')).toBe(420);
    expect(offsetMinutesOf('2026-11-25T08:00:00.000Z')).toBe(0);
    expect(offsetMinutesOf('2026-11-25T08:00:00-03:30')).toBe(-210);
  });
});

describe('formatting for people', () => {
  it('shows a meeting at its own wall-clock time in the chosen language', () => {
    expect(formatMeetingTime('2026-11-25T08:00:00+07:00', 'vi')).toMatch(/08:00.*25 tháng 11, 2026|25 tháng 11.*08:00/);
    expect(formatMeetingTime('2026-11-25T08:00:00+07:00', 'en')).toMatch(/Wednesday.*25 November 2026.*08:00/);
  });

  it('says how old the data is', () => {
    const now = new Date('2025-03-10T09:00:10Z');
    expect(formatAge('2025-03-10T09:00:05Z', now, 'vi')).toContain('5 giây');
    expect(formatAge('2025-03-10T09:00:05Z', now, 'en')).toMatch(/5 sec/);
    expect(formatAge('2025-03-10T08:58:10Z', now, 'en')).toMatch(/2 min/);
  });
});

describe('atOffsetOf', () => {
  it('writes a UTC stamp at the meeting’s offset, the same instant', () => {
    const stamped = atOffsetOf('2026-11-29T08:20:05.123Z', '2026-11-30T08:00:00+07:00');
    expect(stamped).toBe('2026-11-29T15:20:05+07:00');
    expect(new Date(stamped).getTime()).toBe(new Date('2026-11-29T08:20:05Z').getTime());
    expect(atOffsetOf('2026-11-29T23:30:00Z', '2026-11-30T08:00:00-02:30')).toBe('2026-11-29T21:00:00-02:30');
  });

  it('leaves the time as it is when the reference has no offset or the time is not valid', () => {
    expect(atOffsetOf('2026-11-29T08:20:00Z', '2026-11-30T08:00:00')).toBe('2026-11-29T08:20:00Z');
    expect(atOffsetOf('not a time', '2026-11-30T08:00:00+07:00')).toBe('not a time');
  });
});
