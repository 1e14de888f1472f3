import { describe, expect, it } from 'vitest';
import type { Change, ChangeBatch } from '../../shared/protocol/index.js';
import { ChangeFanOut, MAX_BATCH_INTERVAL_MS } from './change-fan-out.js';
import { changeBatches, compactBallotCounts } from '../sync/compact-changes.js';

const M = '0190a000-0000-7000-8000-000000000001';
const V = '0190a000-0000-7000-8000-0000000000aa';
const W = '0190a000-0000-7000-8000-0000000000bb';
const user = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const base = (seq: number) => ({
  meetingId: M,
  seq,
  at: '2026-11-30T03:00:00.000Z',
  actorId: user(0),
  commandId: user(900 + seq),
});
const count = (seq: number, voteId: string, ballotCount: number, voterId: string | null = null): Change => ({
  ...base(seq),
  type: 'vote:ballot-counted',
  data: { voteId, ballotCount, voterId },
});
const removed = (seq: number): Change => ({ ...base(seq), type: 'participant:removed', data: { userId: user(seq) } });

describe('compacting ballot counts', () => {
  it('keeps only the last count of each vote, in its place, and every other change', () => {
    const run = [count(1, V, 1), count(2, W, 1), removed(3), count(4, V, 2), count(5, V, 3), count(6, W, 2)];
    expect(compactBallotCounts(run).map((c) => c.seq)).toEqual([3, 5, 6]);
  });

  it('carries the left-out voters of a named vote into its last count, each once', () => {
    const run = [count(1, V, 1, user(1)), count(2, V, 2, user(2)), count(3, V, 3, user(3))];
    const [last] = compactBallotCounts(run);
    expect(last?.seq).toBe(3);
    expect(last?.type === 'vote:ballot-counted' && [...(last.data.voterIds ?? [])].sort()).toEqual([
      user(1),
      user(2),
      user(3),
    ]);
  });

  it('leaves a lone count as it was, with no voterIds', () => {
    expect(compactBallotCounts([count(7, V, 4, user(4))])).toEqual([count(7, V, 4, user(4))]);
  });
});

describe('cutting batches', () => {
  it('splits where a seq is missing, so a client never steps over a change still to come', () => {
    const batches = changeBatches(M, [removed(8), removed(5), removed(6)]);
    expect(batches.map((b) => [b.sinceSeq, b.changes.map((c) => c.seq)])).toEqual([
      [4, [5, 6]],
      [7, [8]],
    ]);
  });
});

describe('the fan-out', () => {
  it('sends the first change at once, then at most one batch per interval, with counts compacted', async () => {
    const sent: Array<{ at: number; batch: ChangeBatch }> = [];
    let now = 0;
    const fanOut = new ChangeFanOut(
      (batch) => sent.push({ at: now, batch }),
      () => now,
      50,
    );
    fanOut.publish(M, [count(1, V, 1)]);
    await new Promise((r) => setImmediate(r));
    expect(sent.map((s) => s.batch.changes.map((c) => c.seq))).toEqual([[1]]);
    // A storm within the interval waits for its end and goes as one batch.
    for (let seq = 2; seq <= 40; seq++) fanOut.publish(M, [count(seq, V, seq)]);
    await new Promise((r) => setImmediate(r));
    expect(sent).toHaveLength(1);
    now = 50;
    await new Promise((r) => setTimeout(r, 70));
    expect(sent).toHaveLength(2);
    expect(sent[1]?.batch).toMatchObject({ meetingId: M, sinceSeq: 1 });
    expect(sent[1]?.batch.changes.map((c) => c.seq)).toEqual([40]);
  });

  it('flush sends what waits at once', () => {
    const sent: ChangeBatch[] = [];
    const fanOut = new ChangeFanOut(
      (batch) => sent.push(batch),
      () => 0,
      50,
    );
    fanOut.publish(M, [removed(1), removed(2)]);
    fanOut.flush();
    expect(sent).toEqual([{ meetingId: M, sinceSeq: 0, changes: [removed(1), removed(2)] }]);
  });

  it('waits longer after a batch that cost the server more, up to a fraction of a second', async () => {
    const sent: number[] = [];
    let now = 0;
    // Each batch to this room takes 20 ms of the server's time to write.
    const fanOut = new ChangeFanOut(
      (batch) => {
        sent.push(now);
        now += 20;
        return batch;
      },
      () => now,
      50,
    );
    fanOut.publish(M, [removed(1)]);
    fanOut.flush();
    expect(sent).toEqual([0]);
    fanOut.publish(M, [removed(2)]);
    now = 100;
    await new Promise((r) => setTimeout(r, 70));
    // 8 × 20 ms after the first: not yet at 100 ms, although the base interval is long over.
    expect(sent).toEqual([0]);
    now = 160;
    await new Promise((r) => setTimeout(r, 120));
    expect(sent).toEqual([0, 160]);
    // A far dearer room still hears within the cap.
    const slow: number[] = [];
    let t = 0;
    const costly = new ChangeFanOut(
      () => {
        slow.push(t);
        t += 1000;
      },
      () => t,
      50,
    );
    costly.publish(M, [removed(1)]);
    costly.flush();
    costly.publish(M, [removed(2)]);
    t = 1000 + MAX_BATCH_INTERVAL_MS;
    await new Promise((r) => setTimeout(r, 300));
    expect(slow).toEqual([0, 1000 + MAX_BATCH_INTERVAL_MS]);
  });
});
