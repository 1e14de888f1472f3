import { requireMeeting } from '../meetings/meeting-access.js';
import { readSession } from '../session/session-queries.js';
import { CommandRejected, type CommandHandler } from '../sync/command-types.js';
import { findInvitation, saveReply } from './invitation-rows.js';

const REPLIES_CLOSED = {
  vi: 'Không thể thay đổi trả lời giấy mời sau khi cuộc họp đã bắt đầu hoặc đã kết thúc.',
  en: 'The reply to an invitation cannot change once the meeting has started or closed.',
};
const NOT_INVITED = {
  vi: 'Bạn chưa có giấy mời của cuộc họp này.',
  en: 'You have no invitation to this meeting.',
};

/**
 * A person answers their own invitation: there is no user id in the command, so nobody
 * answers for another. Runs on the meeting's line (its session's start is checked under the
 * meeting's lock). Nothing goes into the meeting's change log: the reply is delivered to the
 * person, the secretaries and the chair after the commit, and the audit row keeps the answer,
 * never the reason (the hash-chained log is kept for years and read by administrators).
 */
export const replyToInvitation: CommandHandler<'invitation:reply'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'invitation:reply');
  if (meeting.status === 'closed') throw new CommandRejected('CONFLICT', REPLIES_CLOSED);
  if ((await readSession(ctx.db, meeting.id)).stage !== 'not-started')
    throw new CommandRejected('CONFLICT', REPLIES_CLOSED);
  const current = await findInvitation(ctx.db, meeting.id, ctx.actor.id);
  if (!current) throw new CommandRejected('NOT_FOUND', NOT_INVITED);
  const reason = cmd.reply === 'absent' ? cmd.reason.normalize('NFC') : '';
  // The same answer again changes nothing and tells nobody.
  if (current.reply === cmd.reply && current.reason === reason)
    return { meetingId: meeting.id, changes: [], audit: false };
  await saveReply(ctx.db, meeting.id, ctx.actor.id, { reply: cmd.reply, reason, at: ctx.now.toISOString() });
  return {
    meetingId: meeting.id,
    changes: [],
    invitationNotices: [{ meetingId: meeting.id, userIds: [ctx.actor.id] }],
    audit: { reply: cmd.reply },
  };
};
