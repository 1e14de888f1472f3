import { describe, expect, it } from 'vitest';
import { at, makeMeeting, makeUser, makeVote, MEETING_ID, voteId } from '../votes/test-fixtures.js';
import { ballotQueue, viewOf, type LocalBallot } from './ballot-queue.js';

const user = makeUser();
const open = (n: number, minute = n) => makeVote(n, { status: 'open', openedAt: at(minute) });
const ids = (list: { vote: { id: string } }[]) => list.map((d) => d.vote.id);

describe('ballotQueue', () => {
  it('offers every open vote a delegate has not voted in, oldest first', () => {
    const meeting = makeMeeting('delegate', [open(2, 20), makeVote(3), open(1, 10), open(4)], [voteId(4)]);
    const due = ballotQueue(user, { [MEETING_ID]: meeting }, {});
    expect(ids(due)).toEqual([voteId(1), voteId(2)]);
    expect(due[0]).toMatchObject({ meetingId: MEETING_ID, voted: false, collapsed: false });
  });

  it('offers nothing to those without a vote, nor in a draft meeting', () => {
    for (const role of ['secretary', 'observer', null] as const) {
      expect(ballotQueue(user, { [MEETING_ID]: makeMeeting(role, [open(1)]) }, {})).toEqual([]);
    }
    expect(ballotQueue(user, { [MEETING_ID]: makeMeeting('delegate', [open(1)], [], 'draft') }, {})).toEqual([]);
  });

  it('starts the chair’s ballot as a banner: the chair is busy at the console', () => {
    const [due] = ballotQueue(user, { [MEETING_ID]: makeMeeting('chair', [open(1)]) }, {});
    expect(due?.collapsed).toBe(true);
    const [expanded] = ballotQueue(
      user,
      { [MEETING_ID]: makeMeeting('chair', [open(1)]) },
      { [voteId(1)]: { phase: 'choosing', collapsed: false } },
    );
    expect(expanded?.collapsed).toBe(false);
  });

  it('keeps what this device is talking about until it is dismissed', () => {
    const closed = makeVote(1, { status: 'closed', openedAt: at(1) });
    const cases: Array<[LocalBallot['phase'], boolean, boolean, boolean]> = [
      // phase, vote open, already counted, shown
      ['recorded', true, true, true],
      ['recorded', false, true, false],
      ['choosing', true, true, true],
      ['choosing', false, true, false],
      ['queued', true, false, true],
      ['queued', false, false, true],
      ['queued', false, true, false],
      ['failed', false, false, true],
      ['dismissed', true, true, false],
      ['dismissed', true, false, false],
    ];
    for (const [phase, isOpen, voted, shown] of cases) {
      const meeting = makeMeeting('delegate', [isOpen ? open(1) : closed], voted ? [voteId(1)] : []);
      const due = ballotQueue(user, { [MEETING_ID]: meeting }, { [voteId(1)]: { phase } });
      expect(due.length, `${phase}, open ${isOpen}, voted ${voted}`).toBe(shown ? 1 : 0);
    }
  });
});

describe('viewOf', () => {
  const openVote = open(1);
  const closed = makeVote(1, { status: 'closed' });

  it('shows the options while the vote is open, also to change a ballot or after a refusal', () => {
    expect(viewOf({ vote: openVote, local: undefined, voted: false })).toBe('choosing');
    expect(viewOf({ vote: openVote, local: { phase: 'choosing' }, voted: true })).toBe('choosing');
    expect(viewOf({ vote: openVote, local: { phase: 'failed' }, voted: false })).toBe('choosing');
  });

  it('says the ballot is recorded once the server has it, even if it was sent offline', () => {
    expect(viewOf({ vote: openVote, local: { phase: 'recorded' }, voted: true })).toBe('recorded');
    expect(viewOf({ vote: closed, local: { phase: 'queued' }, voted: true })).toBe('recorded');
    expect(viewOf({ vote: openVote, local: { phase: 'queued' }, voted: false })).toBe('queued');
  });

  it('waits for the server’s answer to a queued ballot, even once the vote has closed', () => {
    expect(viewOf({ vote: closed, local: { phase: 'queued' }, voted: false })).toBe('queued');
  });

  it('offers the ballot again after a refusal while the vote is open, and says it ended once closed', () => {
    expect(viewOf({ vote: openVote, local: { phase: 'queued' }, voted: false }, true)).toBe('choosing');
    expect(viewOf({ vote: closed, local: { phase: 'queued' }, voted: false }, true)).toBe('ended');
    expect(viewOf({ vote: closed, local: { phase: 'failed' }, voted: false })).toBe('ended');
  });
});
