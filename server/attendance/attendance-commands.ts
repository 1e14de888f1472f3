import { canInMeeting, hasAttendance } from '../../shared/domain/index.js';
import { requireMeeting } from '../meetings/meeting-access.js';
import { findParticipant, roleInMeeting, setPresence } from '../meetings/meeting-queries.js';
import {
  CommandRejected,
  type CommandContext,
  type CommandEffect,
  type CommandHandler,
} from '../sync/command-types.js';
import { hasOpenVote } from '../votes/vote-queries.js';
import { countAttendanceChange } from './attendance-window.js';

/** Check-in and check-out: by the participant on their own tablet, or by the secretary or chair. */
async function setAttendance(
  ctx: CommandContext,
  meetingId: string,
  userId: string,
  present: boolean,
): Promise<CommandEffect> {
  const meeting = await requireMeeting(ctx, meetingId, 'meeting:view');
  if (meeting.status !== 'published') throw new CommandRejected('CONFLICT');
  if (userId !== ctx.actor.id) {
    const role = await roleInMeeting(ctx.db, meetingId, ctx.actor.id);
    if (!canInMeeting(ctx.actor, 'attendance:manage', { role, status: meeting.status }))
      throw new CommandRejected('FORBIDDEN');
  }
  const before = await findParticipant(ctx.db, meetingId, userId);
  if (!before) throw new CommandRejected('NOT_FOUND');
  // Observers (the room display among them) count for nothing: they have no attendance.
  if (!hasAttendance(before.role)) throw new CommandRejected('NO_ATTENDANCE');
  if (before.present === present) return { meetingId, changes: [] };
  // While a vote is open its base and quorum count on who is present: only the person may
  // change that, by arriving late or leaving; nobody else may move them in or out.
  if (userId !== ctx.actor.id && (await hasOpenVote(ctx.db, meetingId))) throw new CommandRejected('VOTE_IN_PROGRESS');
  await countAttendanceChange(ctx.db, meetingId, userId, userId === ctx.actor.id ? 'self' : 'others', ctx.now);
  await setPresence(ctx.db, meetingId, userId, present);
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
