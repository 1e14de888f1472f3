import { ABSTAIN, optionIds } from '../../../shared/domain/index.js';
import type { VoteOptions, VoteResult } from '../../../shared/protocol/index.js';

export type AnswerId = 'yes' | 'no' | 'abstain';

/** How an option is named: the fixed answers are translated, candidates keep their names. */
export type OptionLabel = { kind: 'answer'; id: AnswerId } | { kind: 'candidate'; name: string };

export interface ResultBar {
  id: string;
  label: OptionLabel;
  count: number;
  /** Share of the ballots cast, 0 to 1 (an election ballot may name several candidates). */
  share: number;
  emphasis: 'winner' | 'tied' | null;
}

export function optionLabel(options: VoteOptions, id: string): OptionLabel {
  if (id === 'yes' || id === 'no' || id === ABSTAIN) return { kind: 'answer', id };
  const candidate = options.type === 'candidates' ? options.candidates.find((c) => c.id === id) : undefined;
  return { kind: 'candidate', name: candidate?.name ?? id };
}

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
      share: result.ballots > 0 ? Math.min(1, count / result.ballots) : 0,
      emphasis: winner ? 'winner' : outcome.tied.includes(id) ? 'tied' : null,
    };
  });
}
