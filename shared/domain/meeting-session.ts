import type { MeetingSession, SpeakerRequest } from '../protocol/index.js';

/**
 * The session's clock rules, pure so that the server records and every screen shows the same
 * times. An item's time is what it has been current while the meeting ran: a pause stops it,
 * leaving it keeps what it had, and coming back counts on.
 */

const seconds = (fromIso: string, to: Date) => Math.max(0, Math.floor((to.getTime() - Date.parse(fromIso)) / 1000));

/** The current item's running interval folded into its total: the state with no clock running. */
function stopClock(session: MeetingSession, now: Date): MeetingSession {
  const { currentItemId, itemSince } = session;
  if (currentItemId === null || itemSince === null) return { ...session, itemSince: null };
  const total = (session.itemSeconds[currentItemId] ?? 0) + seconds(itemSince, now);
  return { ...session, itemSince: null, itemSeconds: { ...session.itemSeconds, [currentItemId]: total } };
}

export function startSession(session: MeetingSession, itemId: string | null, now: Date): MeetingSession {
  const at = now.toISOString();
  return {
    ...session,
    stage: 'running',
    startedAt: at,
    pausedAt: null,
    currentItemId: itemId,
    itemSince: itemId ? at : null,
  };
}

export function pauseSession(session: MeetingSession, now: Date): MeetingSession {
  return { ...stopClock(session, now), stage: 'paused', pausedAt: now.toISOString() };
}

export function resumeSession(session: MeetingSession, now: Date): MeetingSession {
  const at = now.toISOString();
  return { ...session, stage: 'running', pausedAt: null, itemSince: session.currentItemId ? at : null };
}

/** The room moves to another item; its clock runs only while the session does. */
export function moveToItem(session: MeetingSession, itemId: string, now: Date): MeetingSession {
  const stopped = stopClock(session, now);
  return {
    ...stopped,
    currentItemId: itemId,
    itemSince: session.stage === 'running' ? now.toISOString() : null,
  };
}

/** Items taken out of the agenda: their times go, and the room is on no item if it was on one of them. */
export function dropItems(session: MeetingSession, removed: readonly string[], now: Date): MeetingSession {
  const gone = new Set(removed);
  const stopped = session.currentItemId !== null && gone.has(session.currentItemId) ? stopClock(session, now) : session;
  const itemSeconds = Object.fromEntries(Object.entries(stopped.itemSeconds).filter(([id]) => !gone.has(id)));
  const onRemoved = session.currentItemId !== null && gone.has(session.currentItemId);
  return { ...stopped, itemSeconds, currentItemId: onRemoved ? null : stopped.currentItemId };
}

/** How long an item has been current, at `now`. */
export function itemElapsedSeconds(session: MeetingSession, itemId: string, now: Date): number {
  const before = session.itemSeconds[itemId] ?? 0;
  const running = session.currentItemId === itemId && session.itemSince !== null;
  return before + (running && session.itemSince ? seconds(session.itemSince, now) : 0);
}

/** Seconds the speaker has left (negative once over), or null without a limit or a speaker. */
export function speakingSecondsLeft(speech: SpeakerRequest, now: Date): number | null {
  if (speech.limitSeconds === null || speech.startedAt === null) return null;
  return speech.limitSeconds - seconds(speech.startedAt, now);
}

/**
 * Where a new request goes among the waiting ones (given in queue order): an ordinary one
 * last, a point of order after the points of order already waiting and before every other.
 */
export function queueIndexFor(waiting: readonly Pick<SpeakerRequest, 'pointOfOrder'>[], pointOfOrder: boolean): number {
  if (!pointOfOrder) return waiting.length;
  const firstOrdinary = waiting.findIndex((r) => !r.pointOfOrder);
  return firstOrdinary === -1 ? waiting.length : firstOrdinary;
}
