import { mayArchive } from '../../shared/domain/index.js';
import type { Meeting, ParsedCommand } from '../../shared/protocol/index.js';
import { readSession } from '../session/session-queries.js';
import { CommandRejected, type CommandContext, type CommandHandler } from '../sync/command-types.js';
import { hasUnsettledVote } from '../votes/vote-queries.js';
import { requireMeeting } from './meeting-access.js';
import { saveMeetingFields } from './meeting-queries.js';

/**
 * A meeting over time (issue 13): called off, put off, archived. Each is a field of the
 * meeting, so it goes into the change log like any edit of it: every participant's device
 * has it, shows it on the meeting's card and page, and keeps it offline. The version rises:
 * an edit made on the meeting as it was before is refused (`STALE_EDIT`).
 */

const CLOSED = {
  vi: 'Cuộc họp đã kết thúc: không thể hủy hay hoãn.',
  en: 'The meeting is closed: it can no longer be cancelled or postponed.',
};
const UNSETTLED_VOTE = {
  vi: 'Còn biểu quyết đang mở hoặc chưa công bố: hãy kết thúc nó trước khi hủy cuộc họp.',
  en: 'A vote is still open, or closed and not yet published: settle it before cancelling the meeting.',
};
const SESSION_STARTED = {
  vi: 'Phiên họp đã bắt đầu: không thể hoãn nữa.',
  en: 'The session has started: the meeting can no longer be postponed.',
};
const NOT_OVER = {
  vi: 'Chỉ lưu trữ được cuộc họp đã kết thúc, đã hủy hoặc đã qua ngày họp.',
  en: 'Only a meeting that is closed, cancelled or past can be archived.',
};
const STILL_RUNNING = {
  vi: 'Cuộc họp vẫn đang diễn ra (phiên họp đã bắt đầu hoặc còn biểu quyết chưa công bố): hãy kết thúc cuộc họp trước khi lưu trữ.',
  en: 'The meeting is still running (its session has started, or a vote is not yet published): close it before archiving it.',
};

type LifecycleCommand = 'meeting:cancel' | 'meeting:postpone' | 'meeting:archive';

/**
 * What the three commands share: the meeting as the sender may act on it (`action`), the
 * command's own checks, then its fields set, the version raised, the meeting saved, and one
 * change that carries the whole meeting, with the audit row's detail.
 */
function lifecycleCommand<N extends LifecycleCommand>(spec: {
  action: 'meeting:cancel' | 'meeting:archive';
  change: 'meeting:cancelled' | 'meeting:postponed' | 'meeting:archived';
  /** Throws the refusal, or answers false where the command changes nothing (no change, no audit row). */
  check(ctx: CommandContext, cmd: ParsedCommand<N>, current: Meeting): Promise<boolean>;
  fields(ctx: CommandContext, cmd: ParsedCommand<N>, current: Meeting): Partial<Meeting>;
  auditDetail(cmd: ParsedCommand<N>, meeting: Meeting): Record<string, unknown>;
}): CommandHandler<N> {
  return async (ctx, cmd) => {
    const { seq: _seq, ...current } = await requireMeeting(ctx, cmd.meetingId, spec.action);
    if (!(await spec.check(ctx, cmd, current))) return { meetingId: current.id, changes: [], audit: false };
    const meeting: Meeting = { ...current, ...spec.fields(ctx, cmd, current), version: current.version + 1 };
    await saveMeetingFields(ctx.db, meeting);
    return {
      meetingId: meeting.id,
      changes: [{ type: spec.change, data: { meeting } }],
      auditDetail: spec.auditDetail(cmd, meeting),
    };
  };
}

/** Cancelling and postponing: not a closed meeting, not one already cancelled. */
function assertChangeable(current: Meeting): void {
  if (current.status === 'closed') throw new CommandRejected('CONFLICT', CLOSED);
  if (current.cancellation !== null) throw new CommandRejected('MEETING_CANCELLED');
}

export const cancelMeeting = lifecycleCommand<'meeting:cancel'>({
  action: 'meeting:cancel',
  change: 'meeting:cancelled',
  async check(ctx, _cmd, current) {
    assertChangeable(current);
    if (await hasUnsettledVote(ctx.db, current.id)) throw new CommandRejected('VOTE_IN_PROGRESS', UNSETTLED_VOTE);
    return true;
  },
  fields: (ctx, cmd) => ({ cancellation: { at: ctx.now.toISOString(), reason: cmd.reason.normalize('NFC') } }),
  // The reason is told to every participant already: the audit row keeps it like a cancelled vote's.
  auditDetail: (_cmd, meeting) => ({ reason: meeting.cancellation?.reason }),
});

export const postponeMeeting = lifecycleCommand<'meeting:postpone'>({
  action: 'meeting:cancel',
  change: 'meeting:postponed',
  async check(ctx, _cmd, current) {
    assertChangeable(current);
    if ((await readSession(ctx.db, current.id)).stage !== 'not-started')
      throw new CommandRejected('CONFLICT', SESSION_STARTED);
    return true;
  },
  fields: (ctx, cmd, current) => ({
    startsAt: cmd.startsAt ?? current.startsAt,
    postponement: {
      at: ctx.now.toISOString(),
      reason: cmd.reason.normalize('NFC'),
      // Put off twice: the date it had is the one first announced to the participants.
      previousStartsAt: current.postponement?.previousStartsAt ?? current.startsAt,
      toBeAnnounced: cmd.startsAt === null,
    },
  }),
  auditDetail: (cmd, meeting) => ({ reason: meeting.postponement?.reason, startsAt: cmd.startsAt }),
});

export const archiveMeeting = lifecycleCommand<'meeting:archive'>({
  action: 'meeting:archive',
  change: 'meeting:archived',
  async check(ctx, cmd, current) {
    if (cmd.archived === (current.archivedAt !== null)) return false;
    if (cmd.archived && !mayArchive(current, ctx.now)) throw new CommandRejected('CONFLICT', NOT_OVER);
    // Past its date is not over: a session of two days, or one gone past midnight, still runs
    // and would leave every participant's list while a vote of it is open. A cancelled one is
    // over, whatever stage its session was left in.
    if (
      cmd.archived &&
      current.status !== 'closed' &&
      current.cancellation === null &&
      (await stillRunning(ctx.db, current.id))
    )
      throw new CommandRejected('CONFLICT', STILL_RUNNING);
    return true;
  },
  fields: (ctx, cmd) => ({ archivedAt: cmd.archived ? ctx.now.toISOString() : null }),
  auditDetail: (cmd) => ({ archived: cmd.archived }),
});

async function stillRunning(db: Parameters<typeof readSession>[0], meetingId: string): Promise<boolean> {
  return (await readSession(db, meetingId)).stage !== 'not-started' || (await hasUnsettledVote(db, meetingId));
}
