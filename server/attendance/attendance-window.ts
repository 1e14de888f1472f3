import { CommandRejected } from '../sync/command-types.js';

/**
 * Every check-in or check-out is a row of the append-only change log, sent to every tablet.
 * A person stepping out and back a few times an hour is normal; a finger (or a script)
 * toggling the switch is not, and would grow the log without bound. A person's own changes
 * and the changes others (secretary, chair) make for them are counted apart, so that nobody
 * can use up someone else's allowance and keep them from checking in. The counts live in the
 * participant's row, so they hold across reconnections, restarts and server nodes.
 */
export const ATTENDANCE_CHANGES_PER_WINDOW = 12;
export const ATTENDANCE_WINDOW_MS = 10 * 60 * 1000;

/**
 * A refusal, not RATE_LIMITED: the client keeps a RATE_LIMITED command queued and sends it
 * again, and a queued toggle would hold up every command behind it (a ballot).
 */
const TOO_MANY = {
  vi: 'Điểm danh đã thay đổi quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ít phút.',
  en: 'Attendance changed too often in a short time. Please try again in a few minutes.',
};

/** The two allowances of one participant: their own changes, and those others make for them. */
export interface AttendanceWindows {
  self: { start: string | null; count: number };
  others: { start: string | null; count: number };
}

/**
 * The allowance `by` has after one more change now, or a refusal once it is used up. A window
 * that has run out starts again with this change.
 */
export function nextAttendanceWindow(
  windows: AttendanceWindows,
  by: 'self' | 'others',
  now: Date,
): { start: string; count: number } {
  const { start, count } = windows[by];
  const open = start !== null && now.getTime() - Date.parse(start) < ATTENDANCE_WINDOW_MS;
  if (open && count >= ATTENDANCE_CHANGES_PER_WINDOW) throw new CommandRejected('CONFLICT', TOO_MANY);
  return open ? { start, count: count + 1 } : { start: now.toISOString(), count: 1 };
}
