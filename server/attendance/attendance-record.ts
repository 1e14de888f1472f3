import type { Participant } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import type { AttendanceWindows } from './attendance-window.js';

/**
 * A participant with their attendance allowances, read in one statement, and written back in
 * one: a check-in is on the path of every delegate arriving at once, and each statement
 * there is paid 500 times.
 */
export async function findAttendanceRecord(
  db: Db,
  meetingId: string,
  userId: string,
): Promise<{ participant: Participant; windows: AttendanceWindows } | null> {
  const row = await db
    .selectFrom('participants as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select([
      'p.role',
      'p.present',
      'u.display_name',
      'p.attendance_window_start',
      'p.attendance_changes',
      'p.staff_window_start',
      'p.staff_changes',
    ])
    .where('p.meeting_id', '=', meetingId)
    .where('p.user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    participant: { meetingId, userId, role: row.role, displayName: row.display_name, present: row.present === 1 },
    windows: {
      self: { start: row.attendance_window_start, count: row.attendance_changes },
      others: { start: row.staff_window_start, count: row.staff_changes },
    },
  };
}

export async function saveAttendance(
  db: Db,
  meetingId: string,
  userId: string,
  present: boolean,
  by: 'self' | 'others',
  window: { start: string; count: number },
): Promise<void> {
  const counted =
    by === 'self'
      ? { attendance_window_start: window.start, attendance_changes: window.count }
      : { staff_window_start: window.start, staff_changes: window.count };
  await db
    .updateTable('participants')
    .set({ present: present ? 1 : 0, ...counted })
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .execute();
}
