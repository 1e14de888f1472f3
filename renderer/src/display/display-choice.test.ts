import { describe, expect, it } from 'vitest';
import type { Presentation, Vote, VoteResult } from '../../../shared/protocol/index.js';
import { at, makeVote } from '../votes/test-fixtures.js';
import { displayBand, displayChoice, displayMain } from './display-choice.js';

const RESULT: VoteResult = {
  tally: { yes: 3, no: 0, abstain: 0 },
  ballots: 3,
  present: 3,
  members: 4,
  outcome: {
    outcome: 'accepted',
    quorumMet: true,
    quorumRequired: 0,
    baseCount: 4,
    votesRequired: 3,
    elected: [],
    tied: [],
  },
  named: null,
};

const published = (n: number, opened: number, publishedAt: number) =>
  makeVote(n, {
    status: 'published',
    openedAt: at(opened),
    closedAt: at(opened + 1),
    publishedAt: at(publishedAt),
    result: RESULT,
  });
const open = (n: number, opened: number) => makeVote(n, { status: 'open', openedAt: at(opened) });
const closed = (n: number, opened: number) =>
  makeVote(n, { status: 'closed', openedAt: at(opened), closedAt: at(opened + 1) });
const cancelled = (n: number, opened: number | null, when: number) =>
  makeVote(n, {
    status: 'cancelled',
    openedAt: opened === null ? null : at(opened),
    cancelledAt: at(when),
    cancelReason: opened === null ? null : 'Sai nội dung',
  });

const shown = (votes: Vote[]) => {
  const choice = displayChoice(votes);
  return [choice.show, choice.vote?.question ?? null];
};

describe('displayChoice', () => {
  it('is idle before any vote has opened', () => {
    expect(shown([])).toEqual(['idle', null]);
    expect(shown([makeVote(1), cancelled(2, null, 3)])).toEqual(['idle', null]);
  });

  it('shows an open vote alone, even with a result published before it', () => {
    expect(shown([published(1, 1, 5), open(2, 10)])).toEqual(['open', 'Question 2']);
  });

  it('keeps the last published result until the next vote opens', () => {
    expect(shown([published(1, 1, 5), makeVote(2)])).toEqual(['result', 'Question 1']);
    expect(shown([published(1, 1, 5), published(2, 6, 9)])).toEqual(['result', 'Question 2']);
  });

  it('shows the result published last, even of a vote opened earlier', () => {
    expect(shown([published(1, 1, 20), published(2, 6, 9)])).toEqual(['result', 'Question 1']);
  });

  it('says a vote awaits its result once it closed, instead of an older result', () => {
    expect(shown([published(1, 1, 5), closed(2, 10)])).toEqual(['awaiting', 'Question 2']);
  });

  it('never shows a cancelled vote as a result, and does not bring back the older one', () => {
    expect(shown([published(1, 1, 5), cancelled(2, 10, 12)])).toEqual(['cancelled', 'Question 2']);
    // A draft dropped before it opened changes nothing in the room.
    expect(shown([published(1, 1, 5), cancelled(2, null, 12)])).toEqual(['result', 'Question 1']);
  });
});

describe('displayMain', () => {
  const ITEM_A = '0192f0a4-1b2c-7d3e-8f40-4000000000aa';
  const ITEM_B = '0192f0a4-1b2c-7d3e-8f40-4000000000bb';
  const PAPER: Presentation = {
    documentId: '0192f0a4-1b2c-7d3e-8f40-500000000001',
    version: 1,
    page: 3,
    presenterId: '0192f0a4-1b2c-7d3e-8f40-300000000001',
  };
  const room = (currentItemId: string | null, since: number | null) => ({
    currentItemId,
    itemSince: since === null ? null : at(since),
  });
  const main = (votes: Vote[], presentation: Presentation | null, session: ReturnType<typeof room>) => {
    const m = displayMain(votes, presentation, session);
    return m.show === 'item' ? ['item', m.itemId] : m.show === 'presentation' ? ['presentation'] : [m.show];
  };
  const onItem = (vote: Vote, itemId: string) => ({ ...vote, agendaItemId: itemId });

  it('shows an open vote alone, over a presented page and the current item', () => {
    expect(main([open(1, 10)], PAPER, room(ITEM_A, 1))).toEqual(['open']);
  });

  it('shows the presented page over a result and the current item', () => {
    expect(main([published(1, 1, 5)], PAPER, room(ITEM_A, 1))).toEqual(['presentation']);
  });

  it('shows the current item when no vote has happened, and idles before the start', () => {
    expect(main([], null, room(ITEM_A, 1))).toEqual(['item', ITEM_A]);
    expect(main([], null, room(null, null))).toEqual(['idle']);
  });

  it('keeps a result up while the room stays on its item, or had not moved since', () => {
    expect(main([onItem(published(1, 1, 5), ITEM_A)], null, room(ITEM_A, 30))).toEqual(['result']);
    expect(main([onItem(published(1, 10, 15), ITEM_A)], null, room(ITEM_B, 2))).toEqual(['result']);
    // A vote on no item in particular stays up too until the room moves on.
    expect(main([closed(1, 10)], null, room(ITEM_B, 2))).toEqual(['awaiting']);
  });

  it('gives the screen back to the current item once the room moved on after the outcome', () => {
    expect(main([onItem(published(1, 1, 5), ITEM_A)], null, room(ITEM_B, 30))).toEqual(['item', ITEM_B]);
    expect(main([cancelled(1, 10, 12)], null, room(ITEM_B, 30))).toEqual(['item', ITEM_B]);
  });

  it('keeps the outcome during a break, when the item clock is stopped', () => {
    expect(main([onItem(published(1, 1, 5), ITEM_A)], null, room(ITEM_B, null))).toEqual(['result']);
  });
});

describe('displayBand', () => {
  const ITEM = '0192f0a4-1b2c-7d3e-8f40-4000000000aa';
  const on = { currentItemId: ITEM };
  const speaking = [{ state: 'speaking' as const }];

  it('is empty while a vote is open, whatever the session', () => {
    expect(displayBand({ show: 'open', vote: open(1, 1) }, on, speaking)).toEqual({ item: false, speakers: false });
  });

  it('holds the item clock beside a result or a page, not when the item fills the main area', () => {
    expect(displayBand({ show: 'result', vote: published(1, 1, 2) }, on, []).item).toBe(true);
    expect(displayBand({ show: 'item', itemId: ITEM }, on, []).item).toBe(false);
    expect(displayBand({ show: 'idle' }, { currentItemId: null }, []).item).toBe(false);
  });

  it('holds the speakers only while someone speaks or waits', () => {
    expect(displayBand({ show: 'item', itemId: ITEM }, on, speaking).speakers).toBe(true);
    expect(displayBand({ show: 'item', itemId: ITEM }, on, [{ state: 'waiting' }]).speakers).toBe(true);
    expect(displayBand({ show: 'item', itemId: ITEM }, on, [{ state: 'done' }]).speakers).toBe(false);
  });
});
