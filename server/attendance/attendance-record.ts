import type { Participant } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import type { AttendanceWindows } from './attendance-window.js';
import { firstRow, preparedQuery } from '../db/prepared-query.js';

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
  const row = await firstRow(attendanceOf(db, { meetingId, userId }));
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
  const values = { meetingId, userId, present: present ? 1 : 0, start: window.start, count: window.count };
  await (by === 'self' ? saveSelfCheckIn : saveStaffCheckIn)(db, values);
}

const attendanceOf = preparedQuery((db, v: { meetingId: string; userId: string }) =>
  db
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
    .where('p.meeting_id', '=', v.meetingId)
    .where('p.user_id', '=', v.userId),
);

interface SavedAttendance {
  meetingId: string;
  userId: string;
  present: number;
  start: string;
  count: number;
}

// One's own check-ins and the staff's are counted apart (attendance-window.ts).
const saveSelfCheckIn = preparedQuery((db, v: SavedAttendance) =>
  db
    .updateTable('participants')
    .set({ present: v.present, attendance_window_start: v.start, attendance_changes: v.count })
    .where('meeting_id', '=', v.meetingId)
    .where('user_id', '=', v.userId),
);
const saveStaffCheckIn = preparedQuery((db, v: SavedAttendance) =>
  db
    .updateTable('participants')
    .set({ present: v.present, staff_window_start: v.start, staff_changes: v.count })
    .where('meeting_id', '=', v.meetingId)
    .where('user_id', '=', v.userId),
);
