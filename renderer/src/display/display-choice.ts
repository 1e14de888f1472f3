import type { MeetingSession, Presentation, SpeakerRequest, Vote } from '../../../shared/protocol/index.js';
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

/**
 * What fills the display's main area. The open vote is alone on screen (no session band beside
 * it, per the issue); otherwise the presenter's page, then the last vote's outcome, then the
 * current item in large type. A vote's outcome gives way to the current item once the room has
 * moved on to another item after it: a result from item 2 is not left up during item 5.
 */
export type DisplayMain =
  | { show: 'open'; vote: Vote }
  | { show: 'presentation'; presentation: Presentation }
  | { show: 'result' | 'awaiting' | 'cancelled'; vote: Vote }
  | { show: 'item'; itemId: string }
  | { show: 'idle' };

export function displayMain(
  votes: readonly Vote[],
  presentation: Presentation | null,
  session: Pick<MeetingSession, 'currentItemId' | 'itemSince'>,
): DisplayMain {
  const choice = displayChoice(votes);
  if (choice.show === 'open') return choice;
  if (presentation) return { show: 'presentation', presentation };
  const { currentItemId, itemSince } = session;
  if (choice.show !== 'idle' && !movedOnFrom(choice.vote, currentItemId, itemSince)) return choice;
  return currentItemId !== null ? { show: 'item', itemId: currentItemId } : { show: 'idle' };
}

/**
 * Whether the room went to another item after the vote's last event. `itemSince` is when the
 * current item's clock last started (a resume restarts it too, which only matters when the
 * room was already on another item than the vote's: then the outcome belonged elsewhere).
 */
function movedOnFrom(vote: Vote, currentItemId: string | null, itemSince: string | null): boolean {
  if (currentItemId === null || itemSince === null) return false;
  if (vote.agendaItemId === currentItemId) return false;
  const last = lastEvent(vote);
  return last !== null && Date.parse(itemSince) > Date.parse(last);
}

/**
 * What the side band holds beside the main area: the current item's clock, unless the item
 * fills the main area already; the speakers while anyone speaks or waits. Nothing while a vote
 * is open: the vote is alone on screen. An empty band gives its width to the main area.
 */
export function displayBand(
  main: DisplayMain,
  session: Pick<MeetingSession, 'currentItemId'>,
  speakers: readonly Pick<SpeakerRequest, 'state'>[],
): { item: boolean; speakers: boolean } {
  if (main.show === 'open') return { item: false, speakers: false };
  return {
    item: main.show !== 'item' && session.currentItemId !== null,
    speakers: speakers.some((s) => s.state === 'speaking' || s.state === 'waiting'),
  };
}
