import type { VoteOptions } from '../protocol/index.js';
import { ABSTAIN } from './vote-outcome.js';

/**
 * Whether a ballot's choices fit the vote: one of yes / no / abstain for a question; for
 * an election, abstain alone, or one to `seats` different candidates.
 */
export function isValidBallot(options: VoteOptions, choices: readonly string[]): boolean {
  if (choices.length === 0 || new Set(choices).size !== choices.length) return false;
  if (options.type === 'yes-no-abstain')
    return choices.length === 1 && ['yes', 'no', ABSTAIN].includes(choices[0] ?? '');
  if (choices.length === 1 && choices[0] === ABSTAIN) return true;
  const ids = new Set(options.candidates.map((c) => c.id));
  return choices.length <= options.seats && choices.every((c) => ids.has(c));
}

/** The option ids of a vote, in display order. */
export function optionIds(options: VoteOptions): string[] {
  return options.type === 'yes-no-abstain' ? ['yes', 'no', ABSTAIN] : [...options.candidates.map((c) => c.id), ABSTAIN];
}
