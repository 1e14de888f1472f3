import type { Vote } from '../../../shared/protocol/index.js';
import { currentOpenVote } from '../votes/vote-order.js';

/**
 * What the room display shows, one thing at a time:
 * - open: a vote is under way (alone: a previous result beside it would be read as its result);
 * - result: the result published last, kept until the next vote opens;
 * - awaiting: the last vote has closed and its result is not published yet;
 * - cancelled: the last vote that was opened has been cancelled (never shown as a result);
 * - idle: no vote has been opened yet.
 */
export type DisplayChoice =
  { show: 'open' | 'result' | 'awaiting' | 'cancelled'; vote: Vote } | { show: 'idle'; vote: null };

/** The last moment something happened to a vote in the room: opened, closed, published or cancelled. */
function lastEvent(vote: Vote): string | null {
  // A draft dropped before it opened never reached the room.
  if (vote.openedAt === null) return null;
  const times = [vote.openedAt, vote.closedAt, vote.publishedAt, vote.cancelledAt].filter(
    (at): at is string => at !== null,
  );
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

export function displayChoice(votes: readonly Vote[]): DisplayChoice {
  const open = currentOpenVote(votes);
  if (open) return { show: 'open', vote: open };
  let latest: { vote: Vote; at: number } | null = null;
  for (const vote of votes) {
    const at = lastEvent(vote);
    if (at === null) continue;
    const time = Date.parse(at);
    if (!latest || time > latest.at) latest = { vote, at: time };
  }
  if (!latest) return { show: 'idle', vote: null };
  const { vote } = latest;
  switch (vote.status) {
    case 'published':
      return vote.result ? { show: 'result', vote } : { show: 'awaiting', vote };
    case 'closed':
      return { show: 'awaiting', vote };
    case 'cancelled':
      return { show: 'cancelled', vote };
    default:
      return { show: 'idle', vote: null };
  }
}
