import type { Vote, VoteStatus } from '../../shared/protocol/index.js';
import { requireMeeting } from '../meetings/meeting-access.js';
import { findMeeting, listAgenda } from '../meetings/meeting-queries.js';
import { CommandRejected, type CommandContext, type CommandHandler } from '../sync/command-types.js';
import { createBallotBoxPartitions } from './ballot-box-partitions.js';
import { sealBallots } from './ballot-box.js';
import { tallyVote } from './vote-tally.js';
import { signPublishedResult } from '../certificates/result-signing.js';
import {
  findVote,
  hasUnpublishedResult,
  insertVote,
  publicVote,
  saveVoteDefinition,
  saveVoteState,
  type VoteRecord,
} from './vote-queries.js';

const WRONG_STATE: Record<VoteStatus, { vi: string; en: string }> = {
  draft: { vi: 'Biểu quyết chưa được mở.', en: 'The vote has not been opened.' },
  open: { vi: 'Biểu quyết đang mở.', en: 'The vote is open.' },
  closed: { vi: 'Biểu quyết đã đóng.', en: 'The vote is closed.' },
  published: { vi: 'Kết quả đã được công bố.', en: 'The result is already published.' },
  cancelled: { vi: 'Biểu quyết đã bị hủy.', en: 'The vote was cancelled.' },
};

/**
 * A vote of this meeting in one of the given states. A vote closing by its deadline runs
 * as the system (ctx.system): the chair's role is not asked then.
 */
async function requireVote(
  ctx: CommandContext,
  meetingId: string,
  voteId: string,
  states: readonly VoteStatus[],
): Promise<VoteRecord> {
  if (ctx.system) {
    if (!(await findMeeting(ctx.db, meetingId))) throw new CommandRejected('NOT_FOUND');
  } else await requireMeeting(ctx, meetingId, 'vote:manage');
  const vote = await findVote(ctx.db, voteId);
  if (!vote || vote.meetingId !== meetingId) throw new CommandRejected('NOT_FOUND');
  if (!states.includes(vote.status)) throw new CommandRejected('CONFLICT', WRONG_STATE[vote.status]);
  return vote;
}

async function reread(ctx: CommandContext, voteId: string): Promise<Vote> {
  const vote = await findVote(ctx.db, voteId);
  if (!vote) throw new Error('vote vanished');
  return publicVote(vote);
}

async function requireAgendaItem(ctx: CommandContext, meetingId: string, itemId: string | null): Promise<void> {
  if (itemId !== null && !(await listAgenda(ctx.db, meetingId)).some((i) => i.id === itemId)) {
    throw new CommandRejected('NOT_FOUND');
  }
}

type Definition = Pick<
  Vote,
  'agendaItemId' | 'question' | 'kind' | 'options' | 'rule' | 'base' | 'quorum' | 'allowChange' | 'durationSeconds'
>;

function definitionOf(cmd: Definition): Definition {
  return {
    agendaItemId: cmd.agendaItemId,
    question: cmd.question,
    kind: cmd.kind,
    options: cmd.options,
    rule: cmd.rule,
    base: cmd.base,
    quorum: cmd.quorum,
    allowChange: cmd.allowChange,
    durationSeconds: cmd.durationSeconds,
  };
}

export const createVote: CommandHandler<'vote:create'> = async (ctx, cmd) => {
  await requireMeeting(ctx, cmd.meetingId, 'vote:manage');
  if (await findVote(ctx.db, cmd.voteId)) throw new CommandRejected('CONFLICT');
  await requireAgendaItem(ctx, cmd.meetingId, cmd.agendaItemId);
  const draft: Vote = {
    id: cmd.voteId,
    meetingId: cmd.meetingId,
    ...definitionOf(cmd),
    status: 'draft',
    openedAt: null,
    closesAt: null,
    closedAt: null,
    publishedAt: null,
    ballotCount: 0,
    voterIds: cmd.kind === 'named' ? [] : null,
    result: null,
    resultSignature: null,
    cancelledAt: null,
    cancelReason: null,
    version: 0,
  };
  await insertVote(ctx.db, draft, ctx.actor.id, ctx.now.toISOString());
  if (ctx.dialect === 'postgres') await createBallotBoxPartitions(ctx.db, cmd.voteId);
  return {
    meetingId: cmd.meetingId,
    changes: [{ type: 'vote:created', data: { vote: await reread(ctx, cmd.voteId) } }],
  };
};

/** A draft is edited whole; once open, its question and rules are fixed. */
export const updateVote: CommandHandler<'vote:update'> = async (ctx, cmd) => {
  const vote = await requireVote(ctx, cmd.meetingId, cmd.voteId, ['draft']);
  // Two managers editing one draft: the second save, made on the old one, must not win silently.
  if (vote.version !== cmd.baseVersion) throw new CommandRejected('STALE_EDIT');
  await requireAgendaItem(ctx, cmd.meetingId, cmd.agendaItemId);
  await saveVoteDefinition(ctx.db, {
    ...publicVote(vote),
    ...definitionOf(cmd),
    voterIds: cmd.kind === 'named' ? [] : null,
  });
  return { meetingId: cmd.meetingId, changes: [{ type: 'vote:updated', data: { vote: await reread(ctx, vote.id) } }] };
};

const RESULT_PENDING = {
  vi: 'Hãy công bố hoặc hủy kết quả của biểu quyết đã đóng trước khi mở biểu quyết mới.',
  en: 'Publish or cancel the result of the closed vote before opening a new one.',
};

/**
 * A closed vote is published or cancelled (both show its result to all) before the next one
 * opens: a result the vote managers have seen in private cannot be left unseen by the room,
 * nor a vote closed after one chosen ballot be read by them alone.
 */
export const openVote: CommandHandler<'vote:open'> = async (ctx, cmd) => {
  const vote = await requireVote(ctx, cmd.meetingId, cmd.voteId, ['draft']);
  if (await hasUnpublishedResult(ctx.db, cmd.meetingId)) throw new CommandRejected('CONFLICT', RESULT_PENDING);
  const openedAt = ctx.now.toISOString();
  const closesAt =
    vote.durationSeconds === null ? null : new Date(ctx.now.getTime() + vote.durationSeconds * 1000).toISOString();
  await saveVoteState(ctx.db, vote.id, { status: 'open', openedAt, openedBy: ctx.actor.id, closesAt });
  return { meetingId: cmd.meetingId, changes: [{ type: 'vote:opened', data: { vote: await reread(ctx, vote.id) } }] };
};

/**
 * Counts and seals the box. The result goes into the audit row of the close, so the hash
 * chain holds it from that moment: what is published (or cancelled) later can be checked
 * against what was counted.
 */
export const closeVote: CommandHandler<'vote:close'> = async (ctx, cmd) => {
  const vote = await requireVote(ctx, cmd.meetingId, cmd.voteId, ['open']);
  const result = await tallyVote(ctx.db, vote);
  await saveVoteState(ctx.db, vote.id, {
    status: 'closed',
    closedAt: ctx.now.toISOString(),
    closedBy: ctx.actor.id,
    result,
  });
  await sealBallots(ctx.db, ctx.dialect, vote);
  return {
    meetingId: cmd.meetingId,
    changes: [{ type: 'vote:closed', data: { vote: await reread(ctx, vote.id) } }],
    auditDetail: { voteId: vote.id, result },
    // A named vote's ballots carry their voter anyway: nothing to erase.
    eraseOldRowImages: vote.kind === 'secret',
  };
};

export const publishVote: CommandHandler<'vote:publish'> = async (ctx, cmd) => {
  const vote = await requireVote(ctx, cmd.meetingId, cmd.voteId, ['closed']);
  await saveVoteState(ctx.db, vote.id, { status: 'published', publishedAt: ctx.now.toISOString() });
  // Signed in the publishing transaction: a published result never exists unsigned.
  const meeting = ctx.signatures ? await findMeeting(ctx.db, cmd.meetingId) : null;
  if (ctx.signatures && meeting)
    await signPublishedResult(ctx.db, ctx.signatures, meeting, await reread(ctx, vote.id), ctx.now);
  return {
    meetingId: cmd.meetingId,
    changes: [{ type: 'vote:published', data: { vote: await reread(ctx, vote.id) } }],
  };
};

/**
 * A draft may be dropped freely. A vote that was opened is cancelled only with a reason,
 * which every participant sees and the change and audit logs keep; the vote stays listed
 * as cancelled. A closed vote's result is then shown to everyone with it, marked cancelled:
 * those who previewed a result cannot make it vanish (nor use a vote closed after one
 * chosen ballot to learn that ballot in private).
 */
export const cancelVote: CommandHandler<'vote:cancel'> = async (ctx, cmd) => {
  const vote = await requireVote(ctx, cmd.meetingId, cmd.voteId, ['draft', 'open', 'closed']);
  const reason = cmd.reason?.trim() ?? '';
  if (vote.status !== 'draft' && reason === '') throw new CommandRejected('REASON_REQUIRED');
  const at = ctx.now.toISOString();
  await saveVoteState(ctx.db, vote.id, {
    status: 'cancelled',
    cancelledAt: at,
    cancelledBy: ctx.actor.id,
    cancelReason: reason === '' ? null : reason,
  });
  if (vote.status === 'open') await sealBallots(ctx.db, ctx.dialect, vote);
  return {
    meetingId: cmd.meetingId,
    changes: [{ type: 'vote:cancelled', data: { vote: await reread(ctx, vote.id) } }],
    auditDetail: { voteId: vote.id, from: vote.status, reason: reason === '' ? null : reason },
    eraseOldRowImages: vote.status === 'open' && vote.kind === 'secret',
  };
};
