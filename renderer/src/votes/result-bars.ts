import { ABSTAIN, optionIds } from '../../../shared/domain/index.js';
import type { VoteOptions, VoteResult } from '../../../shared/protocol/index.js';

export type AnswerId = 'yes' | 'no' | 'abstain';

/** How an option is named: the fixed answers are translated, candidates keep their names. */
export type OptionLabel = { kind: 'answer'; id: AnswerId } | { kind: 'candidate'; name: string };

export interface ResultBar {
  id: string;
  label: OptionLabel;
  count: number;
  /**
   * Share of all members, 0 to 1: a council reads "passed by 52% of the members", and the
   * members who did not vote are shown beside it, so the shares read against one whole.
   */
  share: number;
  emphasis: 'winner' | 'tied' | null;
}

/** Members who cast no ballot (absent, or present and silent), and their share of all members. */
export interface DidNotVote {
  count: number;
  share: number;
}

export function optionLabel(options: VoteOptions, id: string): OptionLabel {
  if (id === 'yes' || id === 'no' || id === ABSTAIN) return { kind: 'answer', id };
  const candidate = options.type === 'candidates' ? options.candidates.find((c) => c.id === id) : undefined;
  return { kind: 'candidate', name: candidate?.name ?? id };
}

const shareOf = (count: number, members: number) => (members > 0 ? Math.min(1, count / members) : 0);

/** One bar per option, in the vote's own order (yes, no, abstain; or the candidates, then abstain). */
export function resultBars(options: VoteOptions, result: VoteResult): ResultBar[] {
  const { outcome } = result;
  return optionIds(options).map((id) => {
    const count = result.tally[id] ?? 0;
    const winner =
      options.type === 'yes-no-abstain' ? id === 'yes' && outcome.outcome === 'accepted' : outcome.elected.includes(id);
    return {
      id,
      label: optionLabel(options, id),
      count,
      share: shareOf(count, result.members),
      emphasis: winner ? 'winner' : outcome.tied.includes(id) ? 'tied' : null,
    };
  });
}

/**
 * Members minus ballots. Never below zero: a member removed from the meeting after voting
 * still has a ballot in the count, but no longer counts among the members.
 */
export function didNotVote(result: Pick<VoteResult, 'ballots' | 'members'>): DidNotVote {
  const count = Math.max(0, result.members - result.ballots);
  return { count, share: shareOf(count, result.members) };
}
