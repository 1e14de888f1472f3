import { describe, expect, it } from 'vitest';
import { consoleOrder, currentOpenVote, readerOrder } from './vote-order.js';
import { at, makeVote } from './test-fixtures.js';

const RESULT = {
  tally: { yes: 1, no: 0, abstain: 0 },
  ballots: 1,
  present: 1,
  members: 1,
  outcome: {
    outcome: 'accepted' as const,
    quorumMet: true,
    quorumRequired: 1,
    baseCount: null,
    votesRequired: null,
    elected: [],
    tied: [],
  },
  named: null,
};

const votes = [
  makeVote(1, { status: 'published', publishedAt: at(5), result: RESULT }),
  makeVote(2, { status: 'draft' }),
  makeVote(3, { status: 'open', openedAt: at(10) }),
  makeVote(4, { status: 'cancelled', cancelledAt: at(8) }),
  makeVote(5, { status: 'published', publishedAt: at(20), result: RESULT }),
  makeVote(6, { status: 'closed', closedAt: at(30) }),
  makeVote(7, { status: 'open', openedAt: at(12) }),
  makeVote(8, { status: 'draft' }),
  makeVote(9, { status: 'cancelled', openedAt: at(40), cancelledAt: at(41), cancelReason: 'Nhầm nội dung' }),
];
const questions = (list: { question: string }[]) => list.map((v) => v.question.replace('Question ', ''));

describe('consoleOrder', () => {
  it('puts open votes first, then closed, drafts, results, cancelled; newest first in each', () => {
    expect(questions(consoleOrder(votes))).toEqual(['7', '3', '6', '8', '2', '5', '1', '9', '4']);
  });
});

describe('readerOrder', () => {
  it('leaves out drafts, and cancelled votes that never opened; keeps those cancelled after opening', () => {
    expect(questions(readerOrder(votes))).toEqual(['7', '3', '6', '5', '1', '9']);
  });
});

describe('currentOpenVote', () => {
  it('is the vote opened last', () => {
    expect(currentOpenVote(votes)?.question).toBe('Question 7');
    expect(currentOpenVote([])).toBeNull();
  });
});
