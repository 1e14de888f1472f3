import type { Change, ChangeBatch } from '../../shared/protocol/index.js';
import { changeBatches } from '../sync/compact-changes.js';

/**
 * At most one batch per meeting in this time: what a storm of ballots or check-ins commits
 * in it goes out as one message (its counts compacted). Short enough that a count on the
 * room display looks live.
 */
export const BATCH_INTERVAL_MS = 50;

/**
 * A batch to a big room costs the server a write per socket (about 12 ms for 500 tablets
 * on a loaded 2-core machine), and each tablet a message to parse. The next batch of that
 * room waits this many times what the last one cost, so the fan-out of a storm takes about
 * an eighth of the server's time instead of a quarter, up to MAX_BATCH_INTERVAL_MS, which
 * still looks live on the room display.
 */
const COST_FACTOR = 8;
export const MAX_BATCH_INTERVAL_MS = 250;

/**
 * Sends committed changes to a meeting's room in batches. The first change after a quiet
 * spell goes out at once (at the end of the current turn of the event loop, so the
 * command's acknowledgement leaves first); changes that follow within BATCH_INTERVAL_MS
 * wait for the end of it and go out together (a longer interval for a room whose batches
 * cost more, see COST_FACTOR). Room broadcasts were one message per change per socket: N
 * ballots in a room of N cost N² messages.
 */
export class ChangeFanOut {
  private waiting = new Map<string, Change[]>();
  /** When each meeting last sent, and how long it waits from then. */
  private readonly lastSent = new Map<string, { at: number; interval: number }>();
  private immediate: NodeJS.Immediate | null = null;
  private timeout: NodeJS.Timeout | null = null;
  /** When the armed timeout fires. */
  private timeoutAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly send: (batch: ChangeBatch) => void,
    private readonly clock: () => number = () => performance.now(),
    private readonly intervalMs = BATCH_INTERVAL_MS,
  ) {}

  publish(meetingId: string, changes: readonly Change[]): void {
    if (changes.length === 0) return;
    const list = this.waiting.get(meetingId);
    if (list) list.push(...changes);
    else this.waiting.set(meetingId, [...changes]);
    this.schedule();
  }

  /** Sends everything waiting now (at shutdown, and in tests). */
  flush(): void {
    this.cancel();
    const now = this.clock();
    for (const meetingId of [...this.waiting.keys()]) this.sendMeeting(meetingId, now);
  }

  /** When the soonest meeting may send again: now, or the end of its interval. */
  private schedule(): void {
    if (this.immediate) return;
    const now = this.clock();
    let wait = Number.POSITIVE_INFINITY;
    for (const meetingId of this.waiting.keys()) {
      wait = Math.min(wait, Math.max(0, this.nextAllowed(meetingId) - now));
    }
    if (wait === Number.POSITIVE_INFINITY || (wait > 0 && this.timeout && this.timeoutAt <= now + wait)) return;
    this.cancel();
    if (wait === 0) this.immediate = setImmediate(() => this.tick());
    else {
      this.timeoutAt = now + wait;
      this.timeout = setTimeout(() => this.tick(), Math.ceil(wait));
    }
  }

  private tick(): void {
    this.immediate = null;
    this.timeout = null;
    this.timeoutAt = Number.POSITIVE_INFINITY;
    const now = this.clock();
    for (const meetingId of [...this.waiting.keys()]) {
      if (now >= this.nextAllowed(meetingId)) this.sendMeeting(meetingId, now);
    }
    // A meeting quiet for a whole interval is forgotten: its next change goes out at once.
    for (const [meetingId, last] of this.lastSent) {
      if (now - last.at >= last.interval && !this.waiting.has(meetingId)) this.lastSent.delete(meetingId);
    }
    this.schedule();
  }

  private sendMeeting(meetingId: string, now: number): void {
    const changes = this.waiting.get(meetingId);
    this.waiting.delete(meetingId);
    if (!changes) return;
    const start = Math.max(now, this.clock());
    for (const batch of changeBatches(meetingId, changes)) this.send(batch);
    // The writes to every socket happen inside `send`: its time is what the room costs.
    const cost = this.clock() - start;
    const interval = Math.min(MAX_BATCH_INTERVAL_MS, Math.max(this.intervalMs, cost * COST_FACTOR));
    this.lastSent.set(meetingId, { at: start, interval });
  }

  private nextAllowed(meetingId: string): number {
    const last = this.lastSent.get(meetingId);
    return last ? last.at + last.interval : Number.NEGATIVE_INFINITY;
  }

  private cancel(): void {
    if (this.immediate) clearImmediate(this.immediate);
    if (this.timeout) clearTimeout(this.timeout);
    this.immediate = null;
    this.timeout = null;
    this.timeoutAt = Number.POSITIVE_INFINITY;
  }
}
