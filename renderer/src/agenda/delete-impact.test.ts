import { describe, expect, it } from 'vitest';
import { makeVote } from '../votes/test-fixtures.js';
import { deleteImpact } from './delete-impact.js';
import { testItem, testItemId } from './test-agenda.js';

const id = testItemId;
const item = testItem;

// 1 · 1.1 · 1.1.1 (item 6) · 1.2 · 2
const agenda = [item(1, null, 0), item(2, 1, 0), item(6, 2, 0), item(3, 1, 1), item(4, null, 1)];

describe('deleteImpact', () => {
  it('counts nothing for an item alone with no votes', () => {
    expect(deleteImpact(id(4), agenda, [])).toEqual({ subItems: 0, votes: 0 });
  });

  it('counts the sub-items at every depth and the votes on any of them, not the cancelled ones', () => {
    const votes = [
      makeVote(1, { agendaItemId: id(1) }),
      makeVote(2, { agendaItemId: id(6) }),
      makeVote(3, { agendaItemId: id(3), status: 'cancelled' }),
      makeVote(4, { agendaItemId: id(4) }),
      makeVote(5, { agendaItemId: null }),
    ];
    expect(deleteImpact(id(1), agenda, votes)).toEqual({ subItems: 3, votes: 2 });
    expect(deleteImpact(id(2), agenda, votes)).toEqual({ subItems: 1, votes: 1 });
    expect(deleteImpact(id(4), agenda, votes)).toEqual({ subItems: 0, votes: 1 });
  });
});
