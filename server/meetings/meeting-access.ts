import { canInMeeting, type MeetingAction } from '../../shared/domain/index.js';
import type { Meeting } from '../../shared/protocol/index.js';
import { CommandRejected, type CommandContext } from '../sync/command-types.js';
import { findMeeting, roleInMeeting } from './meeting-queries.js';

/**
 * Loads a meeting for an action, with the actor's role read now, inside the command's
 * transaction. A meeting the actor may not even see answers NOT_FOUND, so that ids of
 * draft meetings do not leak.
 */
export async function requireMeeting(
  ctx: CommandContext,
  meetingId: string,
  action: MeetingAction,
): Promise<Meeting & { seq: number }> {
  const meeting = await findMeeting(ctx.db, meetingId);
  if (!meeting) throw new CommandRejected('NOT_FOUND');
  const access = {
    role: await roleInMeeting(ctx.db, meetingId, ctx.actor.id),
    status: meeting.status,
    voteManagers: meeting.voteManagers,
  };
  if (!canInMeeting(ctx.actor, 'meeting:view', access)) throw new CommandRejected('NOT_FOUND');
  if (!canInMeeting(ctx.actor, action, access)) throw new CommandRejected('FORBIDDEN');
  return meeting;
}
