import { hasVote, isValidBallot } from '../../shared/domain/index.js';
import { requireMeetingSeat } from '../meetings/meeting-access.js';
import { CommandRejected, type CommandHandler } from '../sync/command-types.js';
import {
  ballotIdOf,
  countBallotChange,
  findBallot,
  findVoter,
  ownerProofOf,
  proofMatches,
  recordVoter,
  storeBallot,
} from './ballot-box.js';
import { findBallotTarget } from './vote-queries.js';

const TOO_MANY_CHANGES = {
  vi: 'Phiếu đã được đổi quá nhiều lần trong biểu quyết này. Phiếu hiện tại vẫn được giữ.',
  en: 'This ballot has been changed too many times in this vote. The current ballot stands.',
};

/**
 * One ballot of the signed-in user. Checked in this order: the right to vote first (the
 * role gate of the protocol's table, and nothing about the vote is told to someone without
 * one), then what the voter can act on: the vote, presence, the choice.
 */
export const castBallot: CommandHandler<'vote:cast'> = async (ctx, cmd) => {
  const { seat: me } = await requireMeetingSeat(ctx, cmd.meetingId, 'meeting:view');
  if (!me || !hasVote(me.role)) throw new CommandRejected('NO_VOTING_RIGHT');
  const vote = await findBallotTarget(ctx.db, cmd.voteId);
  if (!vote || vote.meetingId !== cmd.meetingId) throw new CommandRejected('NOT_FOUND');
  const deadlinePassed = vote.closesAt !== null && ctx.now.toISOString() >= vote.closesAt;
  if (vote.status !== 'open' || deadlinePassed) throw new CommandRejected('VOTE_NOT_OPEN');
  if (!me.present) throw new CommandRejected('NOT_PRESENT');
  if (!isValidBallot(vote.options, cmd.choices)) throw new CommandRejected('INVALID_CHOICE');

  const ballotId = ballotIdOf(cmd.ballotKey);
  const named = vote.kind === 'named';
  const voter = await findVoter(ctx.db, vote.id, ctx.actor.id);
  if (!voter) {
    // A key already in the box can only have been taken from another voter's device.
    if (await findBallot(ctx.db, vote.id, ballotId)) throw new CommandRejected('OTHER_DEVICE_BALLOT');
    const ballotCount = await recordVoter(ctx.db, vote.id, ctx.actor.id, ownerProofOf(cmd.ballotKey));
    await storeBallot(ctx.db, vote, ballotId, named ? ctx.actor.id : null, cmd.choices);
    return {
      meetingId: cmd.meetingId,
      changes: [
        {
          type: 'vote:ballot-counted',
          data: { voteId: vote.id, ballotCount, voterId: named ? ctx.actor.id : null },
          // What every tablet receives of a secret ballot must not lead back to its voter.
          ...(named ? {} : { actorId: vote.openedBy ?? undefined, anonymous: true }),
        },
      ],
    };
  }
  if (!vote.allowChange) throw new CommandRejected('ALREADY_VOTED');
  // Another voter's key, or a key this voter's other device made: the same answer for both,
  // so that the answer never tells whether a key belongs to someone's ballot.
  if (!proofMatches(voter.ownerProof, cmd.ballotKey)) throw new CommandRejected('OTHER_DEVICE_BALLOT');
  const existing = await findBallot(ctx.db, vote.id, ballotId);
  if (!existing || (named && existing.voterId !== ctx.actor.id)) throw new CommandRejected('OTHER_DEVICE_BALLOT');
  if (!(await countBallotChange(ctx.db, vote.id, ctx.actor.id)))
    throw new CommandRejected('CONFLICT', TOO_MANY_CHANGES);
  await storeBallot(ctx.db, vote, ballotId, existing.voterId, cmd.choices);
  return { meetingId: cmd.meetingId, changes: [] };
};
