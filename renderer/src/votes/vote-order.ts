import type { Vote, VoteStatus } from '../../../shared/protocol/index.js';

const CONSOLE_ORDER: readonly VoteStatus[] = ['open', 'closed', 'draft', 'published', 'cancelled'];

/**
 * The chair's list: what needs a hand first (open, then closed awaiting publication, then
 * drafts), then the finished ones; newest first within each group. The server lists votes
 * in the order they were made, and new ones arrive at the end.
 */
export function consoleOrder(votes: readonly Vote[]): Vote[] {
  const made = new Map(votes.map((v, i) => [v.id, i]));
  return [...votes].sort(
    (a, b) =>
      CONSOLE_ORDER.indexOf(a.status) - CONSOLE_ORDER.indexOf(b.status) ||
      (made.get(b.id) ?? 0) - (made.get(a.id) ?? 0),
  );
}

/**
 * What a reader sees: open votes, those awaiting their result, results, then cancelled votes,
 * newest first. A vote cancelled after it opened stays, with its reason; a draft dropped before
 * it opened was never shown to anyone, so it is not shown now.
 */
export function readerOrder(votes: readonly Vote[]): Vote[] {
  return consoleOrder(votes.filter((v) => v.status !== 'draft' && (v.status !== 'cancelled' || v.openedAt !== null)));
}

const latest = (votes: readonly Vote[], at: (v: Vote) => string | null): Vote | null =>
  votes.reduce<Vote | null>((best, v) => ((at(v) ?? '') > (best ? (at(best) ?? '') : '') ? v : best), null);

/** The room display's open vote: the one opened last. */
export function currentOpenVote(votes: readonly Vote[]): Vote | null {
  return latest(
    votes.filter((v) => v.status === 'open'),
    (v) => v.openedAt,
  );
}
