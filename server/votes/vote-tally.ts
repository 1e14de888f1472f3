import { computeOutcome, hasVote, optionIds } from '../../shared/domain/index.js';
import type { VoteResult } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import { listParticipants } from '../meetings/meeting-queries.js';
import { readBallots } from './ballot-box.js';
import { voterIds, type VoteRecord } from './vote-queries.js';

/**
 * Counts the ballot box at close. A member counts as present if checked in now or if they
 * voted in this vote: leaving the room after voting (or being checked out by the secretary)
 * cannot take a vote below its quorum.
 */
export async function tallyVote(db: Db, vote: VoteRecord): Promise<VoteResult> {
  const ballots = await readBallots(db, vote.id);
  const tally: Record<string, number> = Object.fromEntries(optionIds(vote.options).map((id) => [id, 0]));
  for (const b of ballots) for (const choice of b.choices) tally[choice] = (tally[choice] ?? 0) + 1;
  const participants = await listParticipants(db, vote.meetingId);
  const members = participants.filter((p) => hasVote(p.role));
  const voted = new Set(await voterIds(db, vote.id));
  const present = members.filter((p) => p.present || voted.has(p.userId)).length;
  const names = new Map(participants.map((p) => [p.userId, p.displayName]));
  return {
    tally,
    ballots: ballots.length,
    present,
    members: members.length,
    outcome: computeOutcome({
      kind: vote.options.type === 'candidates' ? 'election' : 'question',
      tally,
      ballots: ballots.length,
      rule: vote.rule,
      base: vote.base,
      quorum: vote.quorum,
      present,
      members: members.length,
      seats: vote.options.type === 'candidates' ? vote.options.seats : 1,
    }),
    named:
      vote.kind === 'named'
        ? ballots
            .map((b) => ({
              userId: b.voterId ?? '',
              displayName: names.get(b.voterId ?? '') ?? '',
              choices: b.choices,
            }))
            .sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'))
        : null,
  };
}
