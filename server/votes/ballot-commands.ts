import { hasVote, isValidBallot } from '../../shared/domain/index.js';
import { requireMeeting } from '../meetings/meeting-access.js';
import { findParticipant } from '../meetings/meeting-queries.js';
import { CommandRejected, type CommandHandler } from '../sync/command-types.js';
import { ballotHash, findBallot, hasVoted, recordVoter, storeBallot } from './ballot-box.js';
import { findVote } from './vote-queries.js';

const OTHER_DEVICE = {
  vi: 'Chỉ có thể đổi phiếu trên thiết bị đã dùng để bỏ phiếu.',
  en: 'A ballot can only be changed from the device it was cast on.',
};

/**
 * One ballot of the signed-in user. Checked in this order so that the answer names the
 * first thing the voter can act on: the vote, the right to vote, presence, the choice.
 */
export const castBallot: CommandHandler<'vote:cast'> = (ctx, cmd) => {
  requireMeeting(ctx, cmd.meetingId, 'meeting:view');
  const vote = findVote(ctx.db, cmd.voteId);
  if (!vote || vote.meetingId !== cmd.meetingId) throw new CommandRejected('NOT_FOUND');
  const deadlinePassed = vote.closesAt !== null && ctx.now.toISOString() >= vote.closesAt;
  if (vote.status !== 'open' || deadlinePassed) throw new CommandRejected('VOTE_NOT_OPEN');
  const me = findParticipant(ctx.db, cmd.meetingId, ctx.actor.id);
  if (!me || !hasVote(me.role)) throw new CommandRejected('NO_VOTING_RIGHT');
  if (!me.present) throw new CommandRejected('NOT_PRESENT');
  if (!isValidBallot(vote.options, cmd.choices)) throw new CommandRejected('INVALID_CHOICE');

  const hash = ballotHash(cmd.ballotKey);
  const existing = findBallot(ctx.db, vote.id, hash);
  const named = vote.kind === 'named';
  if (!hasVoted(ctx.db, vote.id, ctx.actor.id)) {
    if (existing) throw new CommandRejected('CONFLICT');
    const ballotCount = recordVoter(ctx.db, vote.id, ctx.actor.id);
    storeBallot(ctx.db, vote.id, hash, named ? ctx.actor.id : null, cmd.choices);
    return {
      meetingId: cmd.meetingId,
      changes: [
        {
          type: 'vote:ballot-counted',
          data: { voteId: vote.id, ballotCount, voterId: named ? ctx.actor.id : null },
          // A secret vote's change log must not say who voted when: it names the chair.
          actorId: named ? undefined : (vote.openedBy ?? undefined),
        },
      ],
    };
  }
  if (!vote.allowChange) throw new CommandRejected('ALREADY_VOTED');
  if (!existing || (named && existing.voterId !== ctx.actor.id)) throw new CommandRejected('CONFLICT', OTHER_DEVICE);
  storeBallot(ctx.db, vote.id, hash, existing.voterId, cmd.choices);
  return { meetingId: cmd.meetingId, changes: [] };
};
