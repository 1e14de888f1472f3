import type { MeetingRole } from '../../shared/protocol/index.js';
import type { Database } from '../db/database.js';
import { CommandRejected, type CommandHandler } from '../sync/command-types.js';
import { findUserById } from '../users/user-queries.js';
import { requireMeeting } from './meeting-access.js';
import { deleteParticipant, findParticipant, listParticipants, saveParticipant } from './meeting-queries.js';

const LAST_SECRETARY = {
  vi: 'Cuộc họp phải còn ít nhất một thư ký.',
  en: 'A meeting must keep at least one secretary.',
};

/** A meeting without a secretary could no longer be prepared by anyone but an admin. */
function guardLastSecretary(db: Database, meetingId: string, userId: string, newRole: MeetingRole | null): void {
  const secretaries = listParticipants(db, meetingId).filter((p) => p.role === 'secretary');
  const isOnlySecretary = secretaries.length === 1 && secretaries[0]?.userId === userId;
  if (isOnlySecretary && newRole !== 'secretary') throw new CommandRejected('CONFLICT', LAST_SECRETARY);
}

export const setParticipant: CommandHandler<'participant:set'> = (ctx, cmd) => {
  requireMeeting(ctx, cmd.meetingId, 'participants:edit');
  const user = findUserById(ctx.db, cmd.userId);
  if (!user || user.disabled) throw new CommandRejected('NOT_FOUND');
  guardLastSecretary(ctx.db, cmd.meetingId, cmd.userId, cmd.role);
  saveParticipant(ctx.db, cmd.meetingId, cmd.userId, cmd.role);
  const participant = findParticipant(ctx.db, cmd.meetingId, cmd.userId);
  if (!participant) throw new Error('participant was not saved');
  return {
    meetingId: cmd.meetingId,
    changes: [{ type: 'participant:set', data: { participant } }],
    accessChanged: [cmd.userId],
  };
};

export const removeParticipant: CommandHandler<'participant:remove'> = (ctx, cmd) => {
  requireMeeting(ctx, cmd.meetingId, 'participants:edit');
  if (!findParticipant(ctx.db, cmd.meetingId, cmd.userId)) throw new CommandRejected('NOT_FOUND');
  guardLastSecretary(ctx.db, cmd.meetingId, cmd.userId, null);
  deleteParticipant(ctx.db, cmd.meetingId, cmd.userId);
  return {
    meetingId: cmd.meetingId,
    changes: [{ type: 'participant:removed', data: { userId: cmd.userId } }],
    accessChanged: [cmd.userId],
  };
};
