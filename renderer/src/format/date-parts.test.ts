import { describe, expect, it } from 'vitest';
import { datePartsOf, dateTimePartsOf, readDate, readDateTime } from './date-parts.js';

const at = (day: string, month: string, year: string, hour = '14', minute = '00') => ({
  day,
  month,
  year,
  hour,
  minute,
});

describe('the date picker’s parts', () => {
  it('reads day/month/year and hour:minute, single digits too, at the given offset', () => {
    expect(readDateTime(at('3', '12', '2026', '14', '0'), 420)).toEqual({
      ok: true,
      value: '2026-12-03T14:00:00+07:00',
    });
    expect(readDateTime(at('03', '01', '2027', '0', '05'), 420)).toEqual({
      ok: true,
      value: '2027-01-03T00:05:00+07:00',
    });
    expect(readDate({ day: ' 9 ', month: '3', year: '2026' })).toEqual({ ok: true, value: '2026-03-09' });
  });

  it('uses this device’s offset for a new meeting', () => {
    const read = readDateTime(at('15', '1', '2027', '14', '30'));
    expect(read.ok && read.value).toMatch(/^2027-01-15T14:30:00[+-]\d{2}:\d{2}$/);
  });

  it('says what is wrong: nothing typed, a date that does not exist, a time out of range, a wrong year', () => {
    expect(readDateTime(at('', '', '', '', ''))).toEqual({ ok: false, problem: 'required' });
    expect(readDateTime(at('3', '12', '2026', '', ''))).toEqual({ ok: false, problem: 'required' });
    expect(readDateTime(at('', '', '', '14', '00'))).toEqual({ ok: false, problem: 'invalidDate' });
    expect(readDateTime(at('31', '2', '2026'))).toEqual({ ok: false, problem: 'invalidDate' });
    expect(readDateTime(at('3', '13', '2026'))).toEqual({ ok: false, problem: 'invalidDate' });
    expect(readDateTime(at('0', '12', '2026'))).toEqual({ ok: false, problem: 'invalidDate' });
    expect(readDateTime(at('3', 'x', '2026'))).toEqual({ ok: false, problem: 'invalidDate' });
    expect(readDateTime(at('3', '12', '226'))).toEqual({ ok: false, problem: 'invalidDate' });
    expect(readDateTime(at('3', '12', '1999'))).toEqual({ ok: false, problem: 'yearOutOfRange' });
    expect(readDateTime(at('3', '12', '2026', '24', '00'))).toEqual({ ok: false, problem: 'invalidTime' });
    expect(readDateTime(at('3', '12', '2026', '9', '60'))).toEqual({ ok: false, problem: 'invalidTime' });
    expect(readDateTime(at('3', '12', '2026', '9', ''))).toEqual({ ok: false, problem: 'invalidTime' });
    expect(readDate({ day: '29', month: '2', year: '2027' })).toEqual({ ok: false, problem: 'invalidDate' });
    expect(readDate({ day: '29', month: '2', year: '2028' })).toEqual({ ok: true, value: '2028-02-29' });
  });

  it('splits a stored time and date into the parts the picker shows', () => {
    expect(dateTimePartsOf('2026-12-03T14:00:00+07:00')).toEqual(at('03', '12', '2026', '14', '00'));
    expect(datePartsOf('2026-03-09')).toEqual({ day: '09', month: '03', year: '2026' });
    expect(datePartsOf('')).toEqual({ day: '', month: '', year: '' });
  });

  it('round-trips what it shows', () => {
    const iso = '2027-01-04T00:00:00+07:00';
    expect(readDateTime(dateTimePartsOf(iso), 420)).toEqual({ ok: true, value: iso });
  });
});
