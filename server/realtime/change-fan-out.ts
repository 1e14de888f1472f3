import type { Change, ChangeBatch } from '../../shared/protocol/index.js';
import { changeBatches } from '../sync/compact-changes.js';

/**
 * At most one batch per meeting in this time: what a storm of ballots or check-ins commits
 * in it goes out as one message (its counts compacted). Short enough that a count on the
 * room display looks live.
 */
export const BATCH_INTERVAL_MS = 50;

/**
 * Sends committed changes to a meeting's room in batches. The first change after a quiet
 * spell goes out at once (at the end of the current turn of the event loop, so the
 * command's acknowledgement leaves first); changes that follow within BATCH_INTERVAL_MS
 * wait for the end of it and go out together. Room broadcasts were one message per change
 * per socket: N ballots in a room of N cost N² messages.
 */
export class ChangeFanOut {
  private waiting = new Map<string, Change[]>();
  private readonly lastSent = new Map<string, number>();
  private immediate: NodeJS.Immediate | null = null;
  private timeout: NodeJS.Timeout | null = null;

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
      wait = Math.min(wait, Math.max(0, (this.lastSent.get(meetingId) ?? -Infinity) + this.intervalMs - now));
    }
    if (wait === Number.POSITIVE_INFINITY || (wait > 0 && this.timeout)) return;
    this.cancel();
    if (wait === 0) this.immediate = setImmediate(() => this.tick());
    else this.timeout = setTimeout(() => this.tick(), Math.ceil(wait));
  }

  private tick(): void {
    this.immediate = null;
    this.timeout = null;
    const now = this.clock();
    for (const meetingId of [...this.waiting.keys()]) {
      if (now - (this.lastSent.get(meetingId) ?? -Infinity) >= this.intervalMs) this.sendMeeting(meetingId, now);
    }
    // A meeting quiet for a whole interval is forgotten: its next change goes out at once.
    for (const [meetingId, at] of this.lastSent) {
      if (now - at >= this.intervalMs && !this.waiting.has(meetingId)) this.lastSent.delete(meetingId);
    }
    this.schedule();
  }

  private sendMeeting(meetingId: string, now: number): void {
    const changes = this.waiting.get(meetingId);
    this.waiting.delete(meetingId);
    if (!changes) return;
    this.lastSent.set(meetingId, now);
    for (const batch of changeBatches(meetingId, changes)) this.send(batch);
  }

  private cancel(): void {
    if (this.immediate) clearImmediate(this.immediate);
    if (this.timeout) clearTimeout(this.timeout);
    this.immediate = null;
    this.timeout = null;
  }
}
