import { requireMeeting } from '../meetings/meeting-access.js';
import { CommandRejected, type CommandHandler } from '../sync/command-types.js';
import { findMinutesDraft, saveMinutesDraft } from './minutes-drafts.js';
import { abandonOpenSigning } from './minutes-signing.js';

/**
 * The secretary saves the whole draft. Under the meeting's lock, so two secretaries' saves
 * are ordered and the second, made on the version the first replaced, is refused. The
 * audit row keeps the version, not the text (the draft itself is the record of it).
 */
export const saveMinutes: CommandHandler<'minutes:save'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'minutes:edit');
  const current = await findMinutesDraft(ctx.db, meeting.id);
  if ((current?.version ?? 0) !== cmd.baseVersion) throw new CommandRejected('STALE_EDIT');
  const draft = {
    content: cmd.content,
    version: cmd.baseVersion + 1,
    updatedAt: ctx.now.toISOString(),
    updatedBy: ctx.actor.id,
  };
  await saveMinutesDraft(ctx.db, meeting.id, draft);
  // What was frozen for signing is no longer the draft: the round still open ends.
  const abandoned = await abandonOpenSigning(ctx.db, meeting.id, draft.updatedAt);
  return {
    meetingId: meeting.id,
    changes: [],
    audit: abandoned ? { version: draft.version, abandonedSigning: true } : { version: draft.version },
    minutesNotice: {
      meetingId: meeting.id,
      version: draft.version,
      updatedAt: draft.updatedAt,
      updatedBy: draft.updatedBy,
      ...(abandoned && { signing: 'abandoned' as const }),
    },
  };
};
