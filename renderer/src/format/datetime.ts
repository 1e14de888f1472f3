import type { Language } from '../i18n/index.js';

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

const WEEKDAYS: Record<Language, readonly string[]> = {
  vi: ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/**
 * How much of a time to show: `full` "14:00, thứ Năm, 03/12/2026", `short` "14:00, 03/12/2026",
 * `date` "thứ Năm, 03/12/2026", `time` "14:00".
 */
export type DateTimeStyle = 'full' | 'short' | 'date' | 'time';

/**
 * Where the clock is read: `own` at the ISO time's own offset (a meeting at 08:00+07:00 is
 * 08:00 everywhere), `device` on this device's clock (the server stamps events in UTC).
 */
export type ClockZone = 'own' | 'device';

/**
 * Every date and time a person reads, in one shape in both languages: 24-hour time first,
 * then day/month/year as the offices write it (English too: "03/12/2026" is 3 December
 * there), never what the browser's locale happens to be.
 */
export function formatDateTime(
  iso: string,
  lang: Language,
  style: DateTimeStyle = 'short',
  zone: ClockZone = 'own',
): string {
  const at = zone === 'own' ? wallClock(iso) : deviceClock(iso);
  if (!at) return iso;
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
  const date = `${pad(at.getUTCDate())}/${pad(at.getUTCMonth() + 1)}/${at.getUTCFullYear()}`;
  const weekday = WEEKDAYS[lang][at.getUTCDay()] ?? '';
  switch (style) {
    case 'full':
      return `${time}, ${weekday}, ${date}`;
    case 'short':
      return `${time}, ${date}`;
    case 'date':
      return `${weekday}, ${date}`;
    case 'time':
      return time;
  }
}

/** This device's wall-clock time of an ISO time, as a Date whose UTC fields hold it. */
function deviceClock(iso: string): Date | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
}

/** A meeting's start, with its weekday. */
export function formatMeetingTime(iso: string, lang: Language): string {
  return formatDateTime(iso, lang, 'full');
}

export function formatShortTime(iso: string, lang: Language): string {
  return formatDateTime(iso, lang, 'short');
}

/** When something happened, on this device's clock (the server stamps in UTC). */
export function formatWhen(iso: string, lang: Language): string {
  return formatDateTime(iso, lang, 'short', 'device');
}

/** The hour and minute of a stamp on this device's clock: a message, the last sync. */
export function formatClock(iso: string, lang: Language): string {
  return formatDateTime(iso, lang, 'time', 'device');
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
