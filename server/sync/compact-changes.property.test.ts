import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change, Participant, Vote } from '../../shared/protocol/index.js';
import { applyChanges } from '../../shared/client/apply-change.js';
import type { MeetingState } from '../../shared/client/store.js';
import { compactAttendance, compactChanges } from './compact-changes.js';

const M = '0190a000-0000-7000-8000-000000000001';
const V = '0190a000-0000-7000-8000-0000000000aa';
const user = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const USERS = 6;

const participant = (n: number, present: boolean, role: Participant['role'] = 'delegate'): Participant => ({
  meetingId: M,
  userId: user(n),
  displayName: `Đại biểu ${n}`,
  role,
  present,
});

/** One step of a meeting's log, before it is given its seq. */
type Step =
  | { kind: 'in' | 'out' | 'removed'; who: number }
  | { kind: 'set'; who: number; present: boolean; role: Participant['role'] }
  | { kind: 'ballot'; who: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom('in' as const, 'out' as const), who: fc.nat(USERS - 1) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      who: fc.nat(USERS + 1),
      present: fc.boolean(),
      role: fc.constantFrom('delegate' as const, 'observer' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removed' as const), who: fc.nat(USERS - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('ballot' as const), who: fc.nat(USERS - 1) }) },
);

/** The log the server would write from these steps and these participants (all delegates). */
function logOf(steps: readonly Step[], present: readonly boolean[] = []): Change[] {
  // As on the server, a check-in carries the participant as it now is, and needs one.
  const seats = new Map(present.map((p, n) => [n, participant(n, p)]));
  let ballots = 0;
  const log: Change[] = [];
  for (const s of steps) {
    const i = log.length;
    const base = {
      meetingId: M,
      seq: i + 1,
      at: '2026-11-30T03:00:00.000Z',
      actorId: user(s.who),
      commandId: user(900 + i),
    };
    const seat = seats.get(s.who);
    if (s.kind === 'in' || s.kind === 'out') {
      if (!seat) continue;
      const now = { ...seat, present: s.kind === 'in' };
      seats.set(s.who, now);
      const type = s.kind === 'in' ? 'attendance:checked-in' : 'attendance:checked-out';
      log.push({ ...base, type, data: { participant: now } });
    } else if (s.kind === 'set') {
      const now = participant(s.who, s.present, s.role);
      seats.set(s.who, now);
      log.push({ ...base, type: 'participant:set', data: { participant: now } });
    } else if (s.kind === 'removed') {
      seats.delete(s.who);
      log.push({ ...base, type: 'participant:removed', data: { userId: user(s.who) } });
    } else {
      log.push({
        ...base,
        type: 'vote:ballot-counted',
        data: { voteId: V, ballotCount: ++ballots, voterId: user(s.who) },
      });
    }
  }
  return log;
}

const held = (present: readonly boolean[]): MeetingState =>
  ({
    meeting: { id: M },
    agenda: [],
    participants: present.map((p, n) => participant(n, p)),
    votes: [{ id: V, ballotCount: 0, voterIds: [] } as unknown as Vote],
    presentation: null,
    myBallots: [],
    seq: 0,
    myRole: 'delegate',
  }) as unknown as MeetingState;

/** The state as the client sees it: participants in user order (the reducer may reorder them). */
function seen(state: MeetingState | null) {
  if (!state) return state;
  return { ...state, participants: [...state.participants].sort((a, b) => a.userId.localeCompare(b.userId)) };
}

describe('compacting a run of changes (any mix of check-ins, participants and ballots)', () => {
  it('leaves every client, whatever it already held, where the whole run would', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: USERS, maxLength: USERS }),
        fc.nat(40),
        (steps, present, heldUpTo) => {
          const log = logOf(steps, present);
          fc.pre(log.length > 0);
          // A client that already applied the first changes (an earlier batch, a catch-up).
          const from = Math.min(heldUpTo, log.length - 1);
          const start = applyChanges(held(present), 0, log.slice(0, from), user(0));
          if (!start) throw new Error('the first part of the run must apply');
          const whole = applyChanges(start, 0, log, user(0));
          const compacted = applyChanges(start, 0, compactChanges(log), user(0));
          expect(seen(compacted)).toEqual(seen(whole));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('sends a check-in storm as one roll, at the seq of its last change', () => {
    const log = logOf(
      [0, 1, 2, 3, 4].map((who) => ({ kind: 'in' as const, who })),
      Array(USERS).fill(false),
    );
    const [only, ...rest] = compactAttendance(log);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      seq: 5,
      type: 'attendance:roll',
      data: { checkedIn: [0, 1, 2, 3, 4].map(user), checkedOut: [] },
    });
    expect(JSON.stringify(only).length * 4).toBeLessThan(JSON.stringify(log).length);
  });

  it('does not fold across a participant change, and leaves a lone check-in as it was', () => {
    const log = logOf(
      [
        { kind: 'in', who: 1 },
        { kind: 'in', who: 2 },
        { kind: 'set', who: 1, present: false, role: 'observer' },
        { kind: 'out', who: 2 },
      ],
      Array(USERS).fill(false),
    );
    expect(compactAttendance(log).map((c) => [c.seq, c.type])).toEqual([
      [2, 'attendance:roll'],
      [3, 'participant:set'],
      [4, 'attendance:checked-out'],
    ]);
  });
});
