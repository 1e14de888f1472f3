import { serverNow } from '../../../shared/client/server-clock.js';
import { useClientState } from '../client/ClientContext.js';
import { useNow } from './use-now.js';

/**
 * The time by the server's clock, refreshed like `useNow`: the room's clocks (an item's time,
 * a speaker's, a vote's countdown) come from the server's timestamps, so a tablet whose own
 * clock drifted still shows what the room's display shows.
 */
export function useServerNow(intervalMs: number, active = true): Date {
  const { clockOffsetMs } = useClientState();
  const now = useNow(intervalMs, active);
  return serverNow(clockOffsetMs, now.getTime());
}
