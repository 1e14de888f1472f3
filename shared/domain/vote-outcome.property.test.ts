import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeOutcome, type OutcomeInput } from './vote-outcome.js';

const questionInput: fc.Arbitrary<OutcomeInput> = fc
  .record({
    yes: fc.nat(60),
    no: fc.nat(60),
    abstain: fc.nat(60),
    absent: fc.nat(30),
    notVoting: fc.nat(10),
    rule: fc.constantFrom('simple', 'absolute', 'two-thirds', 'three-quarters'),
    base: fc.constantFrom('yes-no', 'yes-no-abstain', 'present', 'members'),
    quorum: fc.constantFrom('none', 'half', 'majority', 'two-thirds'),
  })
  .map(({ yes, no, abstain, absent, notVoting, rule, base, quorum }) => {
    const ballots = yes + no + abstain;
    const present = ballots + notVoting;
    return {
      kind: 'question',
      tally: { yes, no, abstain },
      ballots,
      present,
      members: present + absent,
      rule,
      base,
      quorum,
    } as OutcomeInput;
  });

describe('computeOutcome, any tally', () => {
  it('never accepts without a quorum, and never accepts with more no than yes', () => {
    fc.assert(
      fc.property(questionInput, (input) => {
        const r = computeOutcome(input);
        if (!r.quorumMet) expect(r.outcome).toBe('no-quorum');
        if ((input.tally.no ?? 0) >= (input.tally.yes ?? 0)) expect(r.outcome).not.toBe('accepted');
      }),
    );
  });

  it('is monotone: turning a no into a yes never turns an accepted motion down', () => {
    fc.assert(
      fc.property(questionInput, (input) => {
        fc.pre((input.tally.no ?? 0) > 0);
        const before = computeOutcome(input).outcome;
        const after = computeOutcome({
          ...input,
          tally: { ...input.tally, yes: (input.tally.yes ?? 0) + 1, no: (input.tally.no ?? 0) - 1 },
        }).outcome;
        if (before === 'accepted') expect(after).toBe('accepted');
      }),
    );
  });

  it('orders the rules: what passes three-quarters passes two-thirds, and that passes absolute majority', () => {
    fc.assert(
      fc.property(questionInput, (input) => {
        const passes = (rule: OutcomeInput['rule']) => computeOutcome({ ...input, rule }).outcome === 'accepted';
        if (passes('three-quarters')) expect(passes('two-thirds')).toBe(true);
        if (passes('two-thirds')) expect(passes('absolute')).toBe(true);
      }),
    );
  });
});
