import { fromDateTimeLocalValue, toDateTimeLocalValue } from './datetime.js';

/**
 * A date and time as typed in the UI's own picker: day, month, year, hour and minute each in
 * a field of its own, in the order the offices write them (03/12/2026 14:00), whatever the
 * browser's locale would make of a `datetime-local` input.
 */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}
export interface TimeParts {
  hour: string;
  minute: string;
}
export type DateTimeParts = DateParts & TimeParts;

/** The years a meeting or its minutes may have: a typo like 226 or 20226 is caught here. */
export const YEARS = { min: 2000, max: 2099 } as const;

/** What is wrong with the typed parts; the picker says it in the UI language. */
export type DateProblem = 'required' | 'invalidDate' | 'invalidTime' | 'yearOutOfRange';

type Read<T> = { ok: true; value: T } | { ok: false; problem: DateProblem };

const pad = (n: string) => n.trim().padStart(2, '0');
const number = (text: string, digits: RegExp) => (digits.test(text.trim()) ? Number(text.trim()) : null);

/** "2026-12-03" → its parts; empty parts for an empty or malformed value. */
export function datePartsOf(value: string): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return { day: '', month: '', year: '' };
  const [, year = '', month = '', day = ''] = match;
  return { day, month, year };
}

/** An ISO instant's wall-clock parts at its own offset (a meeting's time stays the room's). */
export function dateTimePartsOf(iso: string): DateTimeParts {
  const local = toDateTimeLocalValue(iso);
  const [date = '', time = ''] = local.split('T');
  const [hour = '', minute = ''] = time.split(':');
  return { ...datePartsOf(date), hour, minute };
}

/** The typed date as "YYYY-MM-DD", or what is wrong with it. */
export function readDate(parts: DateParts): Read<string> {
  const texts = [parts.day, parts.month, parts.year];
  if (texts.every((t) => t.trim() === '')) return { ok: false, problem: 'required' };
  const day = number(parts.day, /^\d{1,2}$/);
  const month = number(parts.month, /^\d{1,2}$/);
  const year = number(parts.year, /^\d{4}$/);
  if (day === null || month === null || year === null) return { ok: false, problem: 'invalidDate' };
  if (year < YEARS.min || year > YEARS.max) return { ok: false, problem: 'yearOutOfRange' };
  const date = new Date(Date.UTC(year, month - 1, day));
  // 31/02 rolls over to March: a date that does not exist.
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return { ok: false, problem: 'invalidDate' };
  return { ok: true, value: `${year}-${pad(parts.month)}-${pad(parts.day)}` };
}

/**
 * The typed date and time as ISO 8601 with an offset: the meeting's own when editing
 * (`offsetMinutes`), this device's on that date for a new meeting.
 */
export function readDateTime(parts: DateTimeParts, offsetMinutes?: number): Read<string> {
  const date = readDate(parts);
  const timeEmpty = parts.hour.trim() === '' && parts.minute.trim() === '';
  if (!date.ok) return date.problem === 'required' && !timeEmpty ? { ok: false, problem: 'invalidDate' } : date;
  const hour = number(parts.hour, /^\d{1,2}$/);
  const minute = number(parts.minute, /^\d{1,2}$/);
  if (timeEmpty) return { ok: false, problem: 'required' };
  if (hour === null || minute === null || hour > 23 || minute > 59) return { ok: false, problem: 'invalidTime' };
  const iso = fromDateTimeLocalValue(`${date.value}T${pad(parts.hour)}:${pad(parts.minute)}`, offsetMinutes);
  return iso === null ? { ok: false, problem: 'invalidDate' } : { ok: true, value: iso };
}
