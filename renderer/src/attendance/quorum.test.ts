import { describe, expect, it } from 'vitest';
import type { MeetingRole, Participant } from '../../../shared/protocol/index.js';
import { countAttendance, presentForVote, quorumState } from './quorum.js';

const M = '00000000-0000-7000-8000-000000000000';
let n = 0;
const person = (role: MeetingRole, present: boolean): Participant => ({
  meetingId: M,
  userId: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
  displayName: `P${n}`,
  role,
  present,
});

describe('countAttendance', () => {
  it('counts the chair and delegates as members, and only those present as present', () => {
    const count = countAttendance([
      person('chair', false),
      person('delegate', true),
      person('delegate', true),
      person('delegate', false),
      person('secretary', true),
      person('observer', true),
    ]);
    expect(count).toEqual({ members: 4, present: 2, everyonePresent: 4 });
  });
});

describe('quorumState', () => {
  it('needs more than half of the members for a majority quorum', () => {
    expect(quorumState({ members: 4, present: 2, everyonePresent: 2 })).toEqual({
      rule: 'majority',
      required: 3,
      reached: false,
    });
    expect(quorumState({ members: 4, present: 3, everyonePresent: 3 })).toMatchObject({ required: 3, reached: true });
    expect(quorumState({ members: 5, present: 3, everyonePresent: 3 })).toMatchObject({ required: 3, reached: true });
  });

  it('follows the rule a vote sets', () => {
    expect(quorumState({ members: 4, present: 2, everyonePresent: 2 }, 'half')).toMatchObject({
      required: 2,
      reached: true,
    });
    expect(quorumState({ members: 6, present: 3, everyonePresent: 3 }, 'two-thirds')).toMatchObject({
      required: 4,
      reached: false,
    });
    expect(quorumState({ members: 4, present: 0, everyonePresent: 0 }, 'none')).toMatchObject({
      required: 0,
      reached: true,
    });
  });
});

describe('presentForVote', () => {
  it('counts a member who voted as present for that vote, even after checking out', () => {
    const left = person('delegate', false);
    const people = [person('chair', true), person('delegate', true), left, person('delegate', false)];
    expect(presentForVote(people, { voterIds: [left.userId], ballotCount: 1 })).toBe(3);
    expect(presentForVote(people, { voterIds: [], ballotCount: 0 })).toBe(2);
  });

  it('never counts the secretary or an observer, and for a secret vote at least the ballots', () => {
    const people = [person('delegate', false), person('delegate', false), person('secretary', true)];
    expect(presentForVote(people, { voterIds: null, ballotCount: 1 })).toBe(1);
    expect(presentForVote(people, { voterIds: null, ballotCount: 5 })).toBe(2);
    expect(presentForVote([...people, person('observer', true)], { voterIds: null, ballotCount: 0 })).toBe(0);
  });
});
