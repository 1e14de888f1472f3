import { hasVote, isInvited } from '../../shared/domain/index.js';
import type { MeetingRole } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import { CommandRejected, type CommandContext, type CommandHandler } from '../sync/command-types.js';
import { hasOpenVote } from '../votes/vote-queries.js';
import { findUserById } from '../users/user-queries.js';
import { leaveQueueOnRoleChange } from '../session/speaker-commands.js';
import { requireMeeting } from './meeting-access.js';
import { deleteParticipant, findParticipant, listParticipants, saveParticipant } from './meeting-queries.js';
import { invite, withdrawInvitation } from '../invitations/invitation-rows.js';

const LAST_SECRETARY = {
  vi: 'Cuộc họp phải còn ít nhất một thư ký.',
  en: 'A meeting must keep at least one secretary.',
};

/** A meeting without a secretary could no longer be prepared by anyone but an admin. */
async function guardLastSecretary(
  db: Db,
  meetingId: string,
  userId: string,
  newRole: MeetingRole | null,
): Promise<void> {
  const secretaries = (await listParticipants(db, meetingId)).filter((p) => p.role === 'secretary');
  const isOnlySecretary = secretaries.length === 1 && secretaries[0]?.userId === userId;
  if (isOnlySecretary && newRole !== 'secretary') throw new CommandRejected('CONFLICT', LAST_SECRETARY);
}

/**
 * The rules every change of who holds which role must pass, in the order a person can act
 * on them: nobody moves themselves (a secretary making herself chair); the chair of a
 * published meeting is named by an admin only; while a vote is open, who may vote in it is
 * fixed (its quorum and its base count on them).
 */
export async function guardRoleChange(
  ctx: CommandContext,
  meeting: { id: string; status: string; voteManagers: readonly MeetingRole[] },
  userId: string,
  from: MeetingRole | null,
  to: MeetingRole | null,
): Promise<void> {
  if (from === to) return;
  if (userId === ctx.actor.id) throw new CommandRejected('OWN_ROLE');
  if (meeting.status === 'published' && (from === 'chair' || to === 'chair') && !ctx.actor.isAdmin) {
    throw new CommandRejected('CHAIR_ADMIN_ONLY');
  }
  // Who runs the open vote is part of its rules too (a new secretary where secretaries run votes).
  const counts = (role: MeetingRole | null) => hasVote(role) || (role !== null && meeting.voteManagers.includes(role));
  if ((counts(from) || counts(to)) && (await hasOpenVote(ctx.db, meeting.id))) {
    throw new CommandRejected('VOTE_IN_PROGRESS');
  }
  await guardLastSecretary(ctx.db, meeting.id, userId, to);
}

export const setParticipant: CommandHandler<'participant:set'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'participants:edit');
  const user = await findUserById(ctx.db, cmd.userId);
  if (!user || user.disabled) throw new CommandRejected('NOT_FOUND');
  const before = await findParticipant(ctx.db, cmd.meetingId, cmd.userId);
  await guardRoleChange(ctx, meeting, cmd.userId, before?.role ?? null, cmd.role);
  await saveParticipant(ctx.db, cmd.meetingId, cmd.userId, cmd.role);
  const participant = await findParticipant(ctx.db, cmd.meetingId, cmd.userId);
  if (!participant) throw new Error('participant was not saved');
  // Made a delegate of a meeting already sent out: their invitation goes out now. Given a role
  // that is not invited (chair, secretary, observer), any invitation they had goes.
  let invited: string[] = [];
  if (meeting.status === 'published' && isInvited(cmd.role))
    invited = await invite(ctx.db, meeting.id, [cmd.userId], ctx.now.toISOString());
  else if (!isInvited(cmd.role)) await withdrawInvitation(ctx.db, cmd.meetingId, cmd.userId);
  return {
    ...(invited.length > 0 ? { invitationNotices: [{ meetingId: meeting.id, userIds: invited }] } : {}),
    meetingId: cmd.meetingId,
    changes: [
      { type: 'participant:set', data: { participant } },
      ...(await leaveQueueOnRoleChange(ctx, cmd.meetingId, cmd.userId, cmd.role)),
    ],
    accessChanged: [cmd.userId],
  };
};

export const removeParticipant: CommandHandler<'participant:remove'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'participants:edit');
  const before = await findParticipant(ctx.db, cmd.meetingId, cmd.userId);
  if (!before) throw new CommandRejected('NOT_FOUND');
  await guardRoleChange(ctx, meeting, cmd.userId, before.role, null);
  await deleteParticipant(ctx.db, cmd.meetingId, cmd.userId);
  await withdrawInvitation(ctx.db, cmd.meetingId, cmd.userId);
  return {
    meetingId: cmd.meetingId,
    changes: [
      { type: 'participant:removed', data: { userId: cmd.userId } },
      ...(await leaveQueueOnRoleChange(ctx, cmd.meetingId, cmd.userId, null)),
    ],
    accessChanged: [cmd.userId],
  };
};
