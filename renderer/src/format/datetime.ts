import type { Language } from '../i18n/index.js';

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

const pad = (n: number) => String(n).padStart(2, '0');

/** The UTC offset written in an ISO time, in minutes ("+07:00" → 420); null when absent. */
export function offsetMinutesOf(iso: string): number | null {
  if (/z$/i.test(iso)) return 0;
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!match) return null;
  const [, sign, h, m] = match;
  return (sign === '-' ? -1 : 1) * (Number(h) * 60 + Number(m));
}

export function formatOffset(minutes: number): string {
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The wall-clock time of an ISO time at its own offset, as a Date whose UTC fields hold it.
 * A meeting at 08:00+07:00 is "08:00" on every device, wherever its clock is set.
 */
function wallClock(iso: string): Date | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const offset = offsetMinutesOf(iso) ?? -date.getTimezoneOffset();
  return new Date(date.getTime() + offset * 60_000);
}

function format(iso: string, lang: Language, options: Intl.DateTimeFormatOptions): string {
  const wall = wallClock(iso);
  if (!wall) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], { ...options, timeZone: 'UTC' }).format(wall);
}

export function formatMeetingTime(iso: string, lang: Language): string {
  return format(iso, lang, { dateStyle: 'full', timeStyle: 'short' });
}

export function formatShortTime(iso: string, lang: Language): string {
  return format(iso, lang, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The same instant written at another ISO time's offset. The server stamps events in UTC
 * ("…Z"); said at the meeting's own offset, a vote cancelled at 15:20 in Hà Nội reads 15:20
 * on every device, like the meeting's start.
 */
export function atOffsetOf(iso: string, reference: string): string {
  const offset = offsetMinutesOf(reference);
  const date = new Date(iso);
  if (offset === null || Number.isNaN(date.getTime())) return iso;
  const wall = new Date(date.getTime() + offset * 60_000);
  const day = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
  return `${day}T${time}${formatOffset(offset)}`;
}

/** "5 giây trước" / "5 sec. ago": how old the shown data is. */
export function formatAge(fromIso: string, now: Date, lang: Language): string {
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(fromIso).getTime()) / 1000));
  const rtf = new Intl.RelativeTimeFormat(LOCALES[lang], { numeric: 'always', style: 'short' });
  if (seconds < 60) return rtf.format(-seconds, 'second');
  if (seconds < 3600) return rtf.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return rtf.format(-Math.floor(seconds / 3600), 'hour');
  return rtf.format(-Math.floor(seconds / 86_400), 'day');
}

/** The value a `datetime-local` input shows: the wall-clock time at the ISO time's own offset. */
export function toDateTimeLocalValue(iso: string): string {
  const d = wallClock(iso);
  if (!d) return '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * A `datetime-local` value as ISO 8601 with an offset ("2025-03-10T09:00:00+07:00"), so the
 * server keeps the wall-clock time the secretary meant. The offset is the meeting's own when
 * editing, and this device's (on that date) for a new meeting.
 */
export function fromDateTimeLocalValue(value: string, offsetMinutes?: number): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '00'] = match;
  const local = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(local.getTime()) || local.getMonth() !== Number(mo) - 1) return null;
  const offset = offsetMinutes ?? -local.getTimezoneOffset();
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${formatOffset(offset)}`;
}
