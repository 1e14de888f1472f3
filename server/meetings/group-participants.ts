import { isInvited } from '../../shared/domain/index.js';
import type { Participant } from '../../shared/protocol/index.js';
import { findGroup } from '../groups/group-queries.js';
import { invite } from '../invitations/invitation-rows.js';
import { CommandRejected, type CommandHandler } from '../sync/command-types.js';
import { requireMeeting } from './meeting-access.js';
import { guardRoleChange } from './participant-commands.js';
import { findParticipant, listParticipants, saveParticipant } from './meeting-queries.js';

const NO_SUCH_GROUP = { vi: 'Không tìm thấy nhóm này.', en: 'This group was not found.' };

/**
 * Adds a group's members to a meeting with one role, in the command's one transaction:
 * each one a `participant:set` in the log, as if added one by one. Members already taking
 * part keep their role, disabled accounts and the sender are left out (nobody sets their
 * own role); the receipt counts both. Added to a meeting already sent out, they are invited.
 */
export const addGroupParticipants: CommandHandler<'participants:add-group'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'participants:edit');
  const group = await findGroup(ctx.db, cmd.groupId);
  if (!group) throw new CommandRejected('NOT_FOUND', NO_SUCH_GROUP);
  const taking = new Set((await listParticipants(ctx.db, cmd.meetingId)).map((p) => p.userId));
  const members = group.memberIds.length
    ? await ctx.db
        .selectFrom('users')
        .select('id')
        .where('id', 'in', group.memberIds)
        .where('disabled', '=', 0)
        .orderBy('display_name')
        .execute()
    : [];
  const joining = members.map((m) => m.id).filter((id) => !taking.has(id) && id !== ctx.actor.id);
  // Everyone joins from no role to the same one: the rules of a role change answer alike for all.
  if (joining[0] !== undefined) await guardRoleChange(ctx, meeting, joining[0], null, cmd.role);
  const added: Participant[] = [];
  for (const userId of joining) {
    await saveParticipant(ctx.db, cmd.meetingId, userId, cmd.role);
    const participant = await findParticipant(ctx.db, cmd.meetingId, userId);
    if (!participant) throw new Error('participant was not saved');
    added.push(participant);
  }
  // Added to a meeting already sent out, as delegates: their invitations go out now, as with `participant:set`.
  const invited =
    meeting.status === 'published' && isInvited(cmd.role)
      ? await invite(ctx.db, meeting.id, joining, ctx.now.toISOString())
      : [];
  return {
    ...(invited.length > 0 ? { invitationNotices: [{ meetingId: meeting.id, userIds: invited }] } : {}),
    meetingId: cmd.meetingId,
    changes: added.map((participant) => ({ type: 'participant:set', data: { participant } })),
    accessChanged: joining,
    auditDetail: { groupId: group.id, role: cmd.role, added: joining.length },
    receiptCounts: { added: joining.length, skipped: group.memberIds.length - joining.length },
  };
};
