import type { Change } from '../../shared/protocol/index.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Closes votes whose duration has run out. It listens to committed changes (opened,
 * closed, cancelled) rather than being called by handlers, and is rebuilt from the
 * database at start, so a restart never leaves a vote open past its deadline.
 */
export class VoteDeadlines {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  /** `closeVote` must not reject (closeVoteAtDeadline logs its own failures): nobody awaits it. */
  constructor(private readonly closeVote: (meetingId: string, voteId: string) => void | Promise<void>) {}

  schedule(meetingId: string, voteId: string, closesAt: string): void {
    this.cancel(voteId);
    const wait = Math.min(Math.max(0, Date.parse(closesAt) - Date.now()), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      this.timers.delete(voteId);
      void this.closeVote(meetingId, voteId);
    }, wait);
    timer.unref();
    this.timers.set(voteId, timer);
  }

  cancel(voteId: string): void {
    const timer = this.timers.get(voteId);
    if (timer) clearTimeout(timer);
    this.timers.delete(voteId);
  }

  observe(changes: readonly Change[]): void {
    for (const c of changes) {
      if (c.type === 'vote:opened' && c.data.vote.closesAt)
        this.schedule(c.meetingId, c.data.vote.id, c.data.vote.closesAt);
      if (c.type === 'vote:closed' || c.type === 'vote:cancelled') this.cancel(c.data.vote.id);
    }
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
