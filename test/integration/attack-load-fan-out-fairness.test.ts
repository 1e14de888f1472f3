import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Change, ChangeBatch } from '../../shared/protocol/index.js';
import { ChangeFanOut } from '../../server/realtime/change-fan-out.js';

/**
 * The fan-out keeps one timer for every meeting of a node, and each meeting its own interval
 * (8× what its last batch cost, 50 to 250 ms). A meeting whose batches are dear (a room of
 * 500 tablets, or a big batch) must not set the pace of the others: a small room's next
 * batch is due 50 ms after its last, whatever another room waits for.
 *
 * The clock and the timers are the test's own (a batch's cost is a step of the clock inside
 * `send`), so nothing here depends on the machine's speed.
 */
const A = '0190a000-0000-7000-8000-00000000000a';
const B = '0190a000-0000-7000-8000-00000000000b';
const change = (meetingId: string, seq: number): Change => ({
  meetingId,
  seq,
  at: '2026-11-30T03:00:00.000Z',
  actorId: '0190a000-0000-7000-8000-000000000001',
  commandId: `0190a000-0000-7000-8000-${String(900 + seq).padStart(12, '0')}`,
  type: 'participant:removed',
  data: { userId: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}` },
});

/** What a big room costs to send to: 40 ms of writes, so its interval is the 250 ms cap. */
const BIG_ROOM_COST_MS = 40;

let now = 0;
let sent: Array<{ at: number; batch: ChangeBatch }> = [];
let fanOut: ChangeFanOut;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
  now = 0;
  sent = [];
  fanOut = new ChangeFanOut(
    (batch) => {
      sent.push({ at: now, batch });
      if (batch.meetingId === A) now += BIG_ROOM_COST_MS;
    },
    () => now,
  );
});
afterEach(() => {
  vi.useRealTimers();
});

/** Moves the clock and the timers together, a millisecond at a time. */
function advance(ms: number): void {
  for (let i = 0; i < ms; i++) {
    now += 1;
    vi.advanceTimersByTime(1);
  }
}

const sentTo = (meetingId: string) =>
  sent
    .filter((s) => s.batch.meetingId === meetingId)
    .map((s) => ({ at: s.at, seqs: s.batch.changes.map((c) => c.seq) }));

describe('one meeting with dear batches beside a small one, on one node', () => {
  it("does not hold the small meeting's next batch until the big room's interval ends", () => {
    fanOut.publish(A, [change(A, 1)]);
    fanOut.publish(B, [change(B, 1)]);
    advance(1);
    // Both went at once; A's send cost 40 ms, so A may send again at 250, B at 40 + 50 = 90.
    expect(sentTo(A).map((s) => s.seqs)).toEqual([[1]]);
    expect(sentTo(B).map((s) => s.seqs)).toEqual([[1]]);
    const bDue = (sentTo(B)[0]?.at ?? 0) + 50;

    fanOut.publish(A, [change(A, 2)]); // arms the shared timer for A's 250 ms
    fanOut.publish(B, [change(B, 2)]); // due at 90
    advance(bDue + 30 - now);

    // Found: B's change waited for A's timer (sent at 250), five times B's own interval.
    expect(sentTo(B).map((s) => s.seqs)).toEqual([[1], [2]]);
    expect(sentTo(B)[1]?.at ?? Infinity).toBeLessThanOrEqual(bDue + 30);
  });

  it('keeps a steady small meeting at its own pace while a big room storms', () => {
    fanOut.publish(A, [change(A, 1)]);
    fanOut.publish(B, [change(B, 1)]);
    advance(1);
    let seqA = 1;
    let seqB = 1;
    // Two seconds of a storm in A and a change every 10 ms in B, A's always first in the turn.
    for (let t = 0; t < 2000; t += 10) {
      fanOut.publish(A, [change(A, ++seqA)]);
      fanOut.publish(B, [change(B, ++seqB)]);
      advance(10);
    }
    advance(300);
    // Nothing lost, nothing twice, in order, with sinceSeq matching, for both meetings.
    for (const [meetingId, last] of [
      [A, seqA],
      [B, seqB],
    ] as const) {
      const batches = sent.filter((s) => s.batch.meetingId === meetingId).map((s) => s.batch);
      let cursor = 0;
      for (const batch of batches) {
        expect(batch.sinceSeq).toBe(cursor);
        cursor = batch.changes.at(-1)?.seq ?? cursor;
      }
      expect(batches.flatMap((b) => b.changes.map((c) => c.seq))).toEqual(
        Array.from({ length: last }, (_, i) => i + 1),
      );
    }
    // B's batches are B's own interval apart (50 ms, some slack for the 10 ms steps), not A's 250.
    const bTimes = sentTo(B).map((s) => s.at);
    const gaps = bTimes.slice(1).map((t, i) => t - (bTimes[i] ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(100);
  });
});
