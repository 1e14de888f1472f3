import { computeOutcome, hasVote, optionIds } from '../../shared/domain/index.js';
import type { VoteResult } from '../../shared/protocol/index.js';
import type { Database } from '../db/database.js';
import { listParticipants } from '../meetings/meeting-queries.js';
import { readBallots } from './ballot-box.js';
import type { VoteRecord } from './vote-queries.js';

/** Counts the ballot box at close, with attendance as it is at that moment. */
export function tallyVote(db: Database, vote: VoteRecord): VoteResult {
  const ballots = readBallots(db, vote.id);
  const tally: Record<string, number> = Object.fromEntries(optionIds(vote.options).map((id) => [id, 0]));
  for (const b of ballots) for (const choice of b.choices) tally[choice] = (tally[choice] ?? 0) + 1;
  const participants = listParticipants(db, vote.meetingId);
  const members = participants.filter((p) => hasVote(p.role));
  const present = members.filter((p) => p.present).length;
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
