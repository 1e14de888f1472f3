import { itemElapsedSeconds, speakingSecondsLeft } from '../../../shared/domain/index.js';
import type { MeetingSession, SpeakerRequest } from '../../../shared/protocol/index.js';
import { useServerNow } from '../format/use-server-now.js';

/** "12:05", or "1:02:03" past an hour; a leading minus when over time. */
export function formatClock(totalSeconds: number): string {
  const sign = totalSeconds < 0 ? '−' : '';
  const s = Math.abs(Math.trunc(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${two(m)}:${two(s % 60)}` : `${sign}${two(m)}:${two(s % 60)}`;
}

export interface ItemClock {
  elapsed: number;
  /** Planned seconds, or null when the item has no planned time. */
  planned: number | null;
  over: boolean;
  running: boolean;
}

/** The current item's time against its plan, ticking each second while it runs. */
export function useItemClock(session: MeetingSession, plannedMinutes: number | undefined): ItemClock | null {
  const itemId = session.currentItemId;
  const running = itemId !== null && session.itemSince !== null;
  const now = useServerNow(1000, running);
  if (itemId === null) return null;
  const elapsed = itemElapsedSeconds(session, itemId, now);
  const planned = plannedMinutes ? plannedMinutes * 60 : null;
  return { elapsed, planned, over: planned !== null && elapsed > planned, running };
}

/** Seconds the speaker has left (negative once over), ticking; null without a limit. */
export function useSpeakingLeft(speech: SpeakerRequest | undefined): number | null {
  const now = useServerNow(1000, speech !== undefined);
  return speech ? speakingSecondsLeft(speech, now) : null;
}

/** The one who has the floor, and the waiting queue in order. */
export function splitQueue(speakers: readonly SpeakerRequest[]): {
  speaking?: SpeakerRequest;
  waiting: SpeakerRequest[];
} {
  return {
    speaking: speakers.find((s) => s.state === 'speaking'),
    waiting: speakers.filter((s) => s.state === 'waiting'),
  };
}
