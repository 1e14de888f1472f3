import { describe, expect, it } from 'vitest';
import {
  atOffsetOf,
  formatClock,
  formatDateTime,
  formatMeetingTime,
  formatShortTime,
  formatWhen,
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
  it('shows a meeting at its own wall-clock time, weekday and day/month/year, in either language', () => {
    expect(formatMeetingTime('2026-12-03T14:00:00+07:00', 'vi')).toBe('14:00, thứ Năm, 03/12/2026');
    expect(formatMeetingTime('2026-12-03T14:00:00+07:00', 'en')).toBe('14:00, Thursday, 03/12/2026');
    expect(formatMeetingTime('2026-12-06T08:30:00+07:00', 'vi')).toBe('08:30, Chủ nhật, 06/12/2026');
  });

  it('pads single digits and writes midnight as 00:00 of the new day', () => {
    expect(formatMeetingTime('2027-01-04T00:00:00+07:00', 'vi')).toBe('00:00, thứ Hai, 04/01/2027');
    expect(formatMeetingTime('2027-01-04T00:00:00+07:00', 'en')).toBe('00:00, Monday, 04/01/2027');
    expect(formatShortTime('2026-03-09T07:05:00+07:00', 'en')).toBe('07:05, 09/03/2026');
    expect(formatDateTime('2026-03-09T23:59:00+07:00', 'vi', 'date')).toBe('thứ Hai, 09/03/2026');
    expect(formatDateTime('2026-03-09T23:59:00+07:00', 'vi', 'time')).toBe('23:59');
  });

  it('keeps the offset written in the time, whatever the device’s zone', () => {
    expect(formatShortTime('2026-12-03T23:30:00-02:30', 'en')).toBe('23:30, 03/12/2026');
    expect(formatShortTime('2026-12-03T23:30:00Z', 'vi')).toBe('23:30, 03/12/2026');
  });

  it('reads a server stamp on this device’s clock', () => {
    const stamp = '2026-12-03T07:00:00.000Z';
    const local = new Date(stamp);
    const expected = `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
    expect(formatClock(stamp, 'vi')).toBe(expected);
    expect(formatWhen(stamp, 'en')).toMatch(new RegExp(`^${expected}, \\d{2}/\\d{2}/2026$`));
  });

  it('leaves what is not a time as it is', () => {
    expect(formatMeetingTime('not a time', 'vi')).toBe('not a time');
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
