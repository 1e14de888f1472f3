import type { Ack, Change, CommandReceipt } from '../../shared/protocol/index.js';
import { addDelegates, signInAll, type ServerAccess, type SignedIn } from './accounts.js';
import { arrivalOf } from './changes.js';
import { SimDelegate } from './delegate.js';
import { mapLimit, pause } from './pool.js';

/** Socket connections opened at once: each costs the server a session lookup and a snapshot. */
const CONNECT_CONCURRENCY = 25;

/** One command from every delegate at once: each one's acknowledgement latency, and the whole burst's. */
export interface Burst {
  /** Milliseconds from each emit to its acknowledgement, in the delegates' order. */
  latencies: number[];
  /** From the first emit to the last acknowledgement. */
  wallMs: number;
  refused: Array<Ack<unknown> & { ok: false }>;
  /** The highest sequence number among the receipts (0 when none carries one). */
  lastSeq: number;
}

/**
 * A room of simulated delegates: accounts made and signed in once (`prepare`), then
 * connected, to one server or to several nodes in turn, as often as a benchmark needs.
 */
export class DelegateCrowd {
  delegates: SimDelegate[] = [];

  private constructor(readonly accounts: readonly SignedIn[]) {}

  /** `count` new delegates of the demo meeting, signed in at `access`'s server. */
  static async prepare(access: ServerAccess, count: number, prefix = 'sim'): Promise<DelegateCrowd> {
    const made = await addDelegates(access, count, prefix);
    return new DelegateCrowd(await signInAll(access.server.url, made));
  }

  /** Connects every delegate (to `urls` in turn: one node each) and joins the meeting. */
  async connect(urls: readonly string[]): Promise<SimDelegate[]> {
    this.disconnect();
    this.delegates = await mapLimit(this.accounts, CONNECT_CONCURRENCY, (account, i) =>
      SimDelegate.join(urls[i % urls.length] as string, account),
    );
    return this.delegates;
  }

  get meetingId(): string {
    const first = this.delegates[0];
    if (!first) throw new Error('the crowd is not connected');
    return first.meetingId;
  }

  /** Every delegate sends its command in the same tick; resolves once all are answered. */
  burst(command: (d: SimDelegate) => Promise<Ack<CommandReceipt>>): Promise<Burst> {
    return timedBurst(this.delegates, command);
  }

  /**
   * Resolves once every delegate has received the meeting's changes up to `seq` (a command's
   * receipt says it), so that nothing of one round is still arriving during the next.
   */
  async settled(seq: number, timeoutMs = 60_000): Promise<void> {
    const start = performance.now();
    while (this.delegates.some((d) => d.seq < seq)) {
      if (performance.now() - start > timeoutMs)
        throw new Error(`changes up to ${seq} not delivered in ${timeoutMs} ms`);
      await pause(10);
    }
  }

  /** Arms every delegate to note when the first change that `match` accepts reaches it. */
  arrivals(match: (change: Change) => boolean, timeoutMs?: number): Promise<number[]> {
    return Promise.all(this.delegates.map((d) => arrivalOf(d.socket, match, timeoutMs)));
  }

  disconnect(): void {
    for (const d of this.delegates) d.leave();
    this.delegates = [];
  }
}

/** Sends one command per item in the same tick and times each acknowledgement. */
export async function timedBurst<T>(items: readonly T[], command: (item: T) => Promise<Ack<unknown>>): Promise<Burst> {
  const t0 = performance.now();
  const answers = await Promise.all(
    items.map(async (item) => {
      const start = performance.now();
      const answer = await command(item);
      const end = performance.now();
      return { answer, ms: end - start, end };
    }),
  );
  return {
    latencies: answers.map((a) => a.ms),
    wallMs: Math.max(...answers.map((a) => a.end)) - t0,
    refused: answers.flatMap((a) => (a.answer.ok ? [] : [a.answer])),
    lastSeq: Math.max(0, ...answers.map((a) => (a.answer.ok ? seqOf(a.answer.data) : 0))),
  };
}

function seqOf(data: unknown): number {
  const seq = (data as { seq?: unknown } | null)?.seq;
  return typeof seq === 'number' ? seq : 0;
}

/** Throws with the first refusal of a burst (a benchmark measures answered commands only). */
export function mustAllPass(burst: Burst, what: string): Burst {
  const first = burst.refused[0];
  if (first)
    throw new Error(`${burst.refused.length} ${what} refused, e.g. ${first.error.code}: ${first.error.message.en}`);
  return burst;
}
