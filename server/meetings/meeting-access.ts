import {
  canInMeeting,
  refusedWhenArchived,
  refusedWhenCancelled,
  type MeetingAction,
} from '../../shared/domain/index.js';
import type { Meeting, MeetingRole } from '../../shared/protocol/index.js';
import { CommandRejected, type CommandContext } from '../sync/command-types.js';
import { findMeeting, findSeat, roleInMeeting, type Seat } from './meeting-queries.js';

type MeetingWithSeq = Meeting & { seq: number };

/**
 * Loads a meeting for an action, with the actor's role read now, inside the command's
 * transaction. A meeting the actor may not even see answers NOT_FOUND, so that ids of
 * draft meetings do not leak.
 */
export async function requireMeeting(
  ctx: CommandContext,
  meetingId: string,
  action: MeetingAction,
): Promise<MeetingWithSeq> {
  const meeting = await findMeeting(ctx.db, meetingId);
  if (!meeting) throw new CommandRejected('NOT_FOUND');
  checkMeetingAccess(ctx, meeting, await roleInMeeting(ctx.db, meetingId, ctx.actor.id), action);
  return meeting;
}

/**
 * `requireMeeting` that also gives the actor's seat (role and presence) from the same read:
 * a ballot needs both, and is paid for 500 times when a room votes.
 */
export async function requireMeetingSeat(
  ctx: CommandContext,
  meetingId: string,
  action: MeetingAction,
): Promise<{ meeting: MeetingWithSeq; seat: Seat | null }> {
  const meeting = await findMeeting(ctx.db, meetingId);
  if (!meeting) throw new CommandRejected('NOT_FOUND');
  const seat = await findSeat(ctx.db, meetingId, ctx.actor.id);
  checkMeetingAccess(ctx, meeting, seat?.role ?? null, action);
  return { meeting, seat };
}

/** The checks of `requireMeeting`, for a handler that has read the meeting and the actor's role itself. */
export function checkMeetingAccess(
  ctx: CommandContext,
  meeting: Meeting,
  role: MeetingRole | null,
  action: MeetingAction,
): void {
  const access = { role, status: meeting.status, voteManagers: meeting.voteManagers };
  if (!canInMeeting(ctx.actor, 'meeting:view', access)) throw new CommandRejected('NOT_FOUND');
  if (!canInMeeting(ctx.actor, action, access)) throw new CommandRejected('FORBIDDEN');
  // After the role: a cancelled meeting refuses work with its own code, which tells the
  // person why (a ballot and a check-in are gated by `meeting:view`, and are refused too).
  if (meeting.cancellation !== null && refusedWhenCancelled(action)) throw new CommandRejected('MEETING_CANCELLED');
  if (meeting.archivedAt !== null && refusedWhenArchived(action)) throw new CommandRejected('MEETING_ARCHIVED');
}
