import type { Db } from '../db/schema.js';
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

/** A person's own changes, or those others make for them: each pair of columns of `participants`. */
type WindowColumns =
  | { start: 'attendance_window_start'; count: 'attendance_changes' }
  | { start: 'staff_window_start'; count: 'staff_changes' };

const COLUMNS: Record<'self' | 'others', WindowColumns> = {
  self: { start: 'attendance_window_start', count: 'attendance_changes' },
  others: { start: 'staff_window_start', count: 'staff_changes' },
};

export async function countAttendanceChange(
  db: Db,
  meetingId: string,
  userId: string,
  by: 'self' | 'others',
  now: Date,
): Promise<void> {
  const { start, count } = COLUMNS[by];
  const row = await db
    .selectFrom('participants')
    .select([`${start} as start`, `${count} as n`])
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return;
  const windowOpen = row.start !== null && now.getTime() - Date.parse(row.start) < ATTENDANCE_WINDOW_MS;
  if (windowOpen && row.n >= ATTENDANCE_CHANGES_PER_WINDOW) throw new CommandRejected('CONFLICT', TOO_MANY);
  await db
    .updateTable('participants')
    .set(start, windowOpen ? row.start : now.toISOString())
    .set(count, windowOpen ? row.n + 1 : 1)
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .execute();
}
