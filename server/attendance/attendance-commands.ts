import { canInMeeting, hasAttendance } from '../../shared/domain/index.js';
import { checkMeetingAccess } from '../meetings/meeting-access.js';
import { findMeeting, roleInMeeting } from '../meetings/meeting-queries.js';
import {
  CommandRejected,
  type CommandContext,
  type CommandEffect,
  type CommandHandler,
} from '../sync/command-types.js';
import { hasOpenVote } from '../votes/vote-queries.js';
import { findAttendanceRecord, saveAttendance } from './attendance-record.js';
import { nextAttendanceWindow } from './attendance-window.js';

/** Check-in and check-out: by the participant on their own tablet, or by the secretary or chair. */
async function setAttendance(
  ctx: CommandContext,
  meetingId: string,
  userId: string,
  present: boolean,
): Promise<CommandEffect> {
  const meeting = await findMeeting(ctx.db, meetingId);
  if (!meeting) throw new CommandRejected('NOT_FOUND');
  const by = userId === ctx.actor.id ? 'self' : 'others';
  // One's own check-in reads one's own row once: for the right to see the meeting and to change.
  const record = await findAttendanceRecord(ctx.db, meetingId, userId);
  const actorRole =
    by === 'self' ? (record?.participant.role ?? null) : await roleInMeeting(ctx.db, meetingId, ctx.actor.id);
  checkMeetingAccess(ctx, meeting, actorRole, 'meeting:view');
  if (meeting.status !== 'published') throw new CommandRejected('CONFLICT');
  if (by === 'others' && !canInMeeting(ctx.actor, 'attendance:manage', { role: actorRole, status: meeting.status }))
    throw new CommandRejected('FORBIDDEN');
  if (!record) throw new CommandRejected('NOT_FOUND');
  const before = record.participant;
  // Observers (the room display among them) count for nothing: they have no attendance.
  if (!hasAttendance(before.role)) throw new CommandRejected('NO_ATTENDANCE');
  if (before.present === present) return { meetingId, changes: [] };
  // While a vote is open its base and quorum count on who is present: only the person may
  // change that, by arriving late or leaving; nobody else may move them in or out.
  if (by === 'others' && (await hasOpenVote(ctx.db, meetingId))) throw new CommandRejected('VOTE_IN_PROGRESS');
  await saveAttendance(ctx.db, meetingId, userId, present, by, nextAttendanceWindow(record.windows, by, ctx.now));
  const participant = { ...before, present };
  return {
    meetingId,
    changes: [{ type: present ? 'attendance:checked-in' : 'attendance:checked-out', data: { participant } }],
  };
}

export const checkIn: CommandHandler<'attendance:check-in'> = (ctx, cmd) =>
  setAttendance(ctx, cmd.meetingId, cmd.userId, true);
export const checkOut: CommandHandler<'attendance:check-out'> = (ctx, cmd) =>
  setAttendance(ctx, cmd.meetingId, cmd.userId, false);
