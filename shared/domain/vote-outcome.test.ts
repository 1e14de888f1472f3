import { describe, expect, it } from 'vitest';
import {
  computeOutcome,
  isTiedQuestion,
  quorumRequired,
  shownOutcome,
  votesRequired,
  type OutcomeInput,
} from './vote-outcome.js';

const question = (tally: Record<string, number>, over: Partial<OutcomeInput> = {}): OutcomeInput => {
  const ballots = Object.values(tally).reduce((a, b) => a + b, 0);
  return {
    kind: 'question',
    tally,
    ballots,
    rule: 'simple',
    base: 'yes-no',
    quorum: 'none',
    present: 10,
    members: 10,
    ...over,
  };
};

describe('computeOutcome: questions', () => {
  const cases: Array<[string, OutcomeInput, string]> = [
    ['simple: more yes than no', question({ yes: 5, no: 4, abstain: 1 }), 'accepted'],
    ['simple: abstentions do not count', question({ yes: 2, no: 1, abstain: 7 }), 'accepted'],
    ['simple: more no', question({ yes: 3, no: 4 }), 'rejected'],
    ['simple: as many yes as no is not adopted', question({ yes: 4, no: 4, abstain: 2 }), 'rejected'],
    ['simple: all abstain', question({ abstain: 10 }), 'rejected'],
    ['simple: no ballot at all', question({}), 'rejected'],
    [
      'absolute over yes+no+abstain: abstentions count against',
      question({ yes: 5, no: 3, abstain: 2 }, { rule: 'absolute', base: 'yes-no-abstain' }),
      'rejected',
    ],
    [
      'absolute over yes+no+abstain: 6 of 10',
      question({ yes: 6, no: 2, abstain: 2 }, { rule: 'absolute', base: 'yes-no-abstain' }),
      'accepted',
    ],
    [
      'absolute over yes+no: 5 of 8 (abstentions ignored)',
      question({ yes: 5, no: 3, abstain: 2 }, { rule: 'absolute', base: 'yes-no' }),
      'accepted',
    ],
    [
      'absolute over members: 6 of 11 members',
      question({ yes: 6, no: 0 }, { rule: 'absolute', base: 'members', members: 11, present: 6 }),
      'accepted',
    ],
    [
      'absolute over members: 5 of 11 members is not enough',
      question({ yes: 5, no: 0 }, { rule: 'absolute', base: 'members', members: 11, present: 11 }),
      'rejected',
    ],
    [
      'absolute: exactly half is not more than half',
      question({ yes: 5, no: 5 }, { rule: 'absolute', base: 'yes-no' }),
      'rejected',
    ],
    [
      'two-thirds: exactly two-thirds passes',
      question({ yes: 6, no: 3 }, { rule: 'two-thirds', base: 'yes-no' }),
      'accepted',
    ],
    ['two-thirds: just under fails', question({ yes: 5, no: 3 }, { rule: 'two-thirds', base: 'yes-no' }), 'rejected'],
    [
      'two-thirds over present: 20 of 30 present',
      question({ yes: 20, no: 1 }, { rule: 'two-thirds', base: 'present', present: 30, members: 40 }),
      'accepted',
    ],
    [
      'two-thirds over present: 19 of 30 present',
      question({ yes: 19, no: 1 }, { rule: 'two-thirds', base: 'present', present: 30, members: 40 }),
      'rejected',
    ],
    [
      'three-quarters: exactly 3/4 passes',
      question({ yes: 9, no: 3 }, { rule: 'three-quarters', base: 'yes-no' }),
      'accepted',
    ],
    [
      'three-quarters: 8 of 12 fails',
      question({ yes: 8, no: 4 }, { rule: 'three-quarters', base: 'yes-no' }),
      'rejected',
    ],
    ['two-thirds with no ballot at all', question({}, { rule: 'two-thirds', base: 'yes-no' }), 'rejected'],
    [
      'quorum majority: 5 of 10 present is not enough',
      question({ yes: 5 }, { quorum: 'majority', present: 5 }),
      'no-quorum',
    ],
    ['quorum half: 5 of 10 present is enough', question({ yes: 5 }, { quorum: 'half', present: 5 }), 'accepted'],
    [
      'quorum two-thirds: 6 of 9 present is enough',
      question({ yes: 5 }, { quorum: 'two-thirds', present: 6, members: 9 }),
      'accepted',
    ],
    [
      'quorum two-thirds: 5 of 9 present is not',
      question({ yes: 5 }, { quorum: 'two-thirds', present: 5, members: 9 }),
      'no-quorum',
    ],
  ];
  it.each(cases)('%s', (_name, input, outcome) => {
    expect(computeOutcome(input).outcome).toBe(outcome);
  });

  it('reports the numbers it decided with', () => {
    expect(
      computeOutcome(question({ yes: 6, no: 3 }, { rule: 'two-thirds', base: 'yes-no', quorum: 'majority' })),
    ).toMatchObject({
      quorumMet: true,
      quorumRequired: 6,
      baseCount: 9,
      votesRequired: 6,
    });
  });

  it('decides a tied question as not adopted under every rule, the tie being only a note', () => {
    // The walk-through's case: 1 yes, 1 no, 3 needed (absolute majority of 4 members).
    const walk = question({ yes: 1, no: 1 }, { rule: 'absolute', base: 'members', members: 4, present: 4 });
    expect(computeOutcome(walk)).toMatchObject({ outcome: 'rejected', votesRequired: 3 });
    for (const rule of ['simple', 'absolute', 'two-thirds', 'three-quarters'] as const)
      for (const base of ['yes-no', 'yes-no-abstain', 'present', 'members'] as const)
        expect(computeOutcome(question({ yes: 3, no: 3, abstain: 1 }, { rule, base })).outcome).toBe('rejected');
    expect(isTiedQuestion({ yes: 1, no: 1, abstain: 0 })).toBe(true);
    expect(isTiedQuestion({ yes: 0, no: 0, abstain: 3 })).toBe(false);
    expect(isTiedQuestion({ yes: 2, no: 1 })).toBe(false);
  });

  it("reads an older result's question tie as not adopted, and leaves an election's tie alone", () => {
    expect(shownOutcome('question', 'tie')).toBe('rejected');
    expect(shownOutcome('election', 'tie')).toBe('tie');
    expect(shownOutcome('question', 'accepted')).toBe('accepted');
  });
});

describe('computeOutcome: elections', () => {
  const election = (
    tally: Record<string, number>,
    ballots: number,
    over: Partial<OutcomeInput> = {},
  ): OutcomeInput => ({
    kind: 'election',
    tally,
    ballots,
    rule: 'simple',
    base: 'yes-no-abstain',
    quorum: 'none',
    present: 10,
    members: 10,
    seats: 1,
    ...over,
  });

  it('elects the most voted candidate by plurality', () => {
    expect(computeOutcome(election({ a: 4, b: 3, c: 2, abstain: 1 }, 10))).toMatchObject({
      outcome: 'elected',
      elected: ['a'],
    });
  });
  it('fills several seats in order of votes', () => {
    expect(computeOutcome(election({ a: 4, b: 7, c: 2 }, 8, { seats: 2 }))).toMatchObject({
      elected: ['b', 'a'],
      tied: [],
    });
  });
  it('reports a tie for the last seat instead of choosing', () => {
    expect(computeOutcome(election({ a: 5, b: 3, c: 3 }, 10, { seats: 2 }))).toMatchObject({
      outcome: 'elected',
      elected: ['a'],
      tied: ['b', 'c'],
    });
    expect(computeOutcome(election({ a: 3, b: 3 }, 6))).toMatchObject({
      outcome: 'tie',
      elected: [],
      tied: ['a', 'b'],
    });
  });
  it('requires an absolute majority of ballots when asked', () => {
    expect(computeOutcome(election({ a: 5, b: 4, abstain: 1 }, 10, { rule: 'absolute' }))).toMatchObject({
      outcome: 'none-elected',
      votesRequired: 6,
    });
    expect(computeOutcome(election({ a: 6, b: 4 }, 10, { rule: 'absolute' }))).toMatchObject({
      outcome: 'elected',
      elected: ['a'],
    });
  });
  it('elects no one when every ballot abstains or none was cast', () => {
    expect(computeOutcome(election({ abstain: 10 }, 10)).outcome).toBe('none-elected');
    expect(computeOutcome(election({}, 0)).outcome).toBe('none-elected');
  });
  it('respects the quorum', () => {
    expect(computeOutcome(election({ a: 3 }, 3, { quorum: 'majority', present: 3 })).outcome).toBe('no-quorum');
  });
});

describe('thresholds', () => {
  it.each([
    ['none', 10, 0],
    ['half', 10, 5],
    ['half', 9, 5],
    ['majority', 10, 6],
    ['majority', 9, 5],
    ['two-thirds', 9, 6],
    ['two-thirds', 10, 7],
  ] as const)('quorum %s of %i members is %i', (rule, members, n) => {
    expect(quorumRequired(rule, members)).toBe(n);
  });
  it.each([
    ['absolute', 10, 6],
    ['absolute', 9, 5],
    ['two-thirds', 9, 6],
    ['two-thirds', 10, 7],
    ['three-quarters', 12, 9],
    ['three-quarters', 10, 8],
  ] as const)('%s of %i needs %i', (rule, base, n) => {
    expect(votesRequired(rule, base)).toBe(n);
  });
});
