import type { AttendanceRow } from '../protocol/minutes.js';

/**
 * The Vietnamese words and number formats of the minutes, shared by the pre-fill and both
 * renderers so that the PDF and the .docx say the same thing the same way.
 */

export const DEFAULT_MINUTES_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export const QUOC_HIEU = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const TIEU_NGU = 'Độc lập - Tự do - Hạnh phúc';

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall-clock parts of an instant in a zone. */
export function zonedParts(iso: string, timeZone: string): ZonedParts {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * "ngày 05 tháng 12 năm 2026". Decree 30 writes a day below 10 and the months 1 and 2 with a
 * leading zero (so that nobody can add a digit in front); other months stay as they are.
 */
export function vietnameseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const monthText = month <= 2 ? two(month) : String(month);
  return `ngày ${two(day)} tháng ${monthText} năm ${year}`;
}

/** "Hà Nội, ngày 05 tháng 12 năm 2026": the place and date line of the header. */
export function placeAndDate(place: string, isoDate: string): string {
  return `${place}, ${vietnameseDate(isoDate)}`;
}

/** "08 giờ 05 phút" in the zone. */
export function vietnameseTime(iso: string, timeZone: string): string {
  const p = zonedParts(iso, timeZone);
  return `${two(p.hour)} giờ ${two(p.minute)} phút`;
}

/** The calendar date of an instant in a zone, YYYY-MM-DD. */
export function zonedDate(iso: string, timeZone: string): string {
  const p = zonedParts(iso, timeZone);
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}

/** "3 phút 20 giây", "45 giây", "1 giờ 2 phút". */
export function vietnameseDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(`${h} giờ`);
  if (m > 0) parts.push(`${m} phút`);
  if (s > 0 || parts.length === 0) parts.push(`${s} giây`);
  return parts.join(' ');
}

const PERCENT = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2, minimumFractionDigits: 0 });

/** "52,63%": Vietnamese decimal comma. */
export function vietnamesePercent(percent: number): string {
  return `${PERCENT.format(percent)}%`;
}

/** "Có mặt", "Đến muộn (09 giờ 10 phút)", "Vắng mặt (lý do: công tác)". */
export function attendanceText(row: AttendanceRow, timeZone: string): string {
  if (row.status === 'present') return 'Có mặt';
  if (row.status === 'late') {
    const details = [row.arrivedAt ? vietnameseTime(row.arrivedAt, timeZone) : '', row.reason].filter(Boolean);
    return details.length > 0 ? `Đến muộn (${details.join('; ')})` : 'Đến muộn';
  }
  return row.reason ? `Vắng mặt (lý do: ${row.reason})` : 'Vắng mặt (không rõ lý do)';
}

/** The organisation in capitals, as the header prints it, whatever case it was typed in. */
export function upperVietnamese(text: string): string {
  return text.normalize('NFC').toLocaleUpperCase('vi-VN');
}
