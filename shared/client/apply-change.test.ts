import { describe, expect, it } from 'vitest';
import type { Change, Vote } from '../protocol/index.js';
import { applyChanges } from './apply-change.js';
import type { MeetingState } from './store.js';

const M = '0190a000-0000-7000-8000-000000000001';
const V = '0190a000-0000-7000-8000-0000000000aa';
const me = '0190a000-0000-7000-8000-000000000007';
const other = '0190a000-0000-7000-8000-000000000008';
const third = '0190a000-0000-7000-8000-000000000009';

const held = (seq: number): MeetingState =>
  ({
    meeting: { id: M },
    agenda: [],
    participants: [],
    votes: [{ id: V, ballotCount: 0, voterIds: [] } as unknown as Vote],
    presentation: null,
    myBallots: [],
    seq,
    myRole: 'delegate',
  }) as unknown as MeetingState;

const count = (seq: number, ballotCount: number, voterId: string | null, voterIds?: string[]): Change => ({
  meetingId: M,
  seq,
  at: '2026-11-30T03:00:00.000Z',
  actorId: other,
  commandId: other,
  type: 'vote:ballot-counted',
  data: { voteId: V, ballotCount, voterId, ...(voterIds ? { voterIds } : {}) },
});

describe('applying a batch of changes', () => {
  it('refuses a batch that starts beyond the seq held: the client must catch up first', () => {
    expect(applyChanges(held(3), 4, [count(5, 1, null)], me)).toBeNull();
  });

  it('skips what it holds and applies the rest, stepping over left-out counts', () => {
    const after = applyChanges(held(5), 3, [count(4, 1, null), count(9, 3, null)], me);
    expect(after?.seq).toBe(9);
    expect(after?.votes[0]?.ballotCount).toBe(3);
  });

  it("adds a compacted count's left-out voters, and the user's own ballot", () => {
    const after = applyChanges(held(0), 0, [count(3, 3, third, [me, other])], me);
    expect(new Set(after?.votes[0]?.voterIds)).toEqual(new Set([me, other, third]));
    expect(after?.myBallots).toEqual([V]);
  });
});
