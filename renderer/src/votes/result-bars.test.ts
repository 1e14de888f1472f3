import { describe, expect, it } from 'vitest';
import { computeOutcome } from '../../../shared/domain/index.js';
import type { VoteOptions, VoteResult } from '../../../shared/protocol/index.js';
import { didNotVote, optionLabel, resultBars } from './result-bars.js';

const QUESTION: VoteOptions = { type: 'yes-no-abstain' };
const ELECTION: VoteOptions = {
  type: 'candidates',
  candidates: [
    { id: 'an', name: 'Nguyễn Văn An' },
    { id: 'binh', name: 'Trần Thị Bình' },
    { id: 'cuong', name: 'Lê Cường' },
  ],
  seats: 2,
};

function result(tally: Record<string, number>, ballots: number, election = false, members = 4): VoteResult {
  const outcome = computeOutcome({
    kind: election ? 'election' : 'question',
    tally,
    ballots,
    rule: 'simple',
    base: 'yes-no',
    quorum: 'majority',
    present: 4,
    members,
    seats: 2,
  });
  return { tally, ballots, present: 4, members, outcome, named: null };
}

describe('resultBars', () => {
  it('gives yes, no and abstain in order with their share of the members, yes marked when accepted', () => {
    expect(resultBars(QUESTION, result({ yes: 2, no: 1, abstain: 1 }, 4))).toEqual([
      { id: 'yes', label: { kind: 'answer', id: 'yes' }, count: 2, share: 0.5, emphasis: 'winner' },
      { id: 'no', label: { kind: 'answer', id: 'no' }, count: 1, share: 0.25, emphasis: null },
      { id: 'abstain', label: { kind: 'answer', id: 'abstain' }, count: 1, share: 0.25, emphasis: null },
    ]);
  });

  it('marks nothing when a question is rejected, and counts a missing option as zero', () => {
    const bars = resultBars(QUESTION, result({ no: 3 }, 3));
    expect(bars.map((b) => [b.id, b.count, b.emphasis])).toEqual([
      ['yes', 0, null],
      ['no', 3, null],
      ['abstain', 0, null],
    ]);
  });

  it('names candidates and marks the elected and the tied', () => {
    const elected = resultBars(ELECTION, result({ an: 3, binh: 2, cuong: 1, abstain: 0 }, 4, true));
    expect(elected.map((b) => [b.label, b.emphasis])).toEqual([
      [{ kind: 'candidate', name: 'Nguyễn Văn An' }, 'winner'],
      [{ kind: 'candidate', name: 'Trần Thị Bình' }, 'winner'],
      [{ kind: 'candidate', name: 'Lê Cường' }, null],
      [{ kind: 'answer', id: 'abstain' }, null],
    ]);
    expect(elected[0]?.share).toBe(0.75);
    const tied = resultBars(ELECTION, result({ an: 3, binh: 2, cuong: 2, abstain: 0 }, 4, true));
    expect(tied.map((b) => b.emphasis)).toEqual(['winner', 'tied', 'tied', null]);
  });

  it('draws empty bars when nobody voted', () => {
    expect(resultBars(QUESTION, result({}, 0)).map((b) => b.share)).toEqual([0, 0, 0]);
  });
});

describe('shares of all members', () => {
  it('reads every count against all members, not against the ballots cast', () => {
    const bars = resultBars(QUESTION, result({ yes: 3, no: 1, abstain: 0 }, 4, false, 10));
    expect(bars.map((b) => [b.id, b.count, b.share])).toEqual([
      ['yes', 3, 0.3],
      ['no', 1, 0.1],
      ['abstain', 0, 0],
    ]);
  });

  it('counts the members who did not vote, so that the rows add up to all members', () => {
    const r = result({ yes: 3, no: 1, abstain: 0 }, 4, false, 10);
    expect(didNotVote(r)).toEqual({ count: 6, share: 0.6 });
    const sum = resultBars(QUESTION, r).reduce((n, b) => n + b.count, 0) + didNotVote(r).count;
    expect(sum).toBe(10);
  });

  it('never goes below zero, and has no share when there are no members', () => {
    expect(didNotVote({ ballots: 5, members: 4 })).toEqual({ count: 0, share: 0 });
    expect(didNotVote({ ballots: 0, members: 0 })).toEqual({ count: 0, share: 0 });
    expect(resultBars(QUESTION, result({ yes: 1 }, 1, false, 0))[0]?.share).toBe(0);
  });
});

describe('optionLabel', () => {
  it('falls back to the id for an unknown candidate', () => {
    expect(optionLabel(ELECTION, 'zed')).toEqual({ kind: 'candidate', name: 'zed' });
  });
});
