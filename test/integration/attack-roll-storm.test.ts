import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyChanges, applyUpdate } from '../../shared/client/apply-change.js';
import type { Change, MeetingSnapshot, MeetingUpdate } from '../../shared/protocol/index.js';
import { meetingSnapshot } from '../../server/meetings/meeting-queries.js';
import { DelegateCrowd, mustAllPass, timedBurst } from '../simulator/crowd.js';
import { pause } from '../simulator/pool.js';
import { comparableMeeting, meetingSeq } from '../support/attack-batching.js';
import {
  asState,
  foldBatches,
  isAttendance,
  isRoll,
  jsonBytes,
  roomVersusDatabase,
  sameJson,
  tapChanges,
  tapsVersusLog,
  RollRig,
} from '../support/attack-roll.js';
import { ask, type Harness } from '../support/server-harness.js';
import { joinMeeting, must, yesNoVote, type Member } from '../support/vote-fixtures.js';

/**
 * The attendance roll under the storm it was made for: a room of 120 delegates arriving at
 * once while a secret vote is open (each checks in and casts at once, so check-ins and
 * anonymous ballot counts share batches), then leaving and coming back in waves while the
 * secretary takes one of them out and puts them back. The room's devices meanwhile: the
 * display on the product's client core, a tablet that drops its link three times in the
 * middle, one away for the whole storm (more than the server's catch-up limit: a snapshot),
 * one away for its second half (a catch-up of changes, folded), and a raw tab whose bytes
 * on the wire are counted. One storm, several verdicts.
 */
const CROWD = 120;

let rig: RollRig;
let h: Harness;
let display: Member & { meeting: { id: string } };
let meetingId: string;
let start: number;
let base: MeetingSnapshot;
let tap: ReturnType<typeof tapChanges>;
let log: Change[];
let secretVoteId: string;
let verdict: string[];
let wrongRolls: string[];

beforeAll(async () => {
  rig = await RollRig.open();
  h = rig.h;
  const crowd = await DelegateCrowd.prepare(h, CROWD, 'ro');
  rig.crowd = crowd;
  await crowd.connect([h.server.url]);
  const chair = await joinMeeting(h, 'chutoa');
  const secretary = await joinMeeting(h, 'thuky');
  display = await joinMeeting(h, 'phonghop');
  rig.sockets.push(chair.socket, secretary.socket, display.socket);
  meetingId = display.meeting.id;
  const [screen, flaky, away, late, desk] = await Promise.all(
    ['phonghop', 'daibieu1', 'daibieu2', 'daibieu3', 'thuky'].map((u) => rig.device(u)),
  );
  if (!screen || !flaky || !away || !late || !desk) throw new Error('a device did not start');

  start = await meetingSeq(h, meetingId);
  base = (await meetingSnapshot(h.server.store.db, meetingId, display.userId)) as MeetingSnapshot;
  tap = tapChanges(display.socket);
  away.client.stop();

  // The room arrives while a secret vote is open: each delegate checks in and casts at once.
  const secret = yesNoVote({ kind: 'secret' });
  secretVoteId = secret.voteId;
  await must(chair.socket, 'vote:create', { meetingId, ...secret });
  await must(chair.socket, 'vote:open', { meetingId, voteId: secret.voteId });
  const arriving = crowd.burst(async (d) => {
    const answer = await d.checkIn();
    return answer.ok ? d.cast(secret.voteId, [Number(d.account.username.slice(2)) % 2 ? 'yes' : 'no']) : answer;
  });
  for (let i = 0; i < 3; i++) {
    await pause(25);
    flaky.client.stop();
    await pause(15);
    flaky.client.start();
  }
  mustAllPass(await arriving, 'arrivals and ballots');
  await must(chair.socket, 'vote:close', { meetingId, voteId: secret.voteId });

  // The second half, which the late tablet misses: waves out and back in, a delegate taken
  // out and put back and checked in again (a participant change ends a run) in the middle of
  // one, and another who steps out and back, then is taken out and put back absent: a roll
  // carried across their return would show them present.
  late.client.stop();
  const every = (n: number, k = 0) => crowd.delegates.filter((_, i) => i % n === k);
  const [taken, dropped] = every(3, 1);
  if (!taken || !dropped) throw new Error('no delegates to take out');
  mustAllPass(await timedBurst(every(3), (d) => d.checkOut()), 'first wave out');
  const steps = [await dropped.checkOut(), await dropped.checkIn()];
  if (steps.some((a) => !a.ok)) throw new Error('the step out and back was refused');
  const wave = timedBurst(every(6), (d) => d.checkIn());
  for (const d of [taken, dropped]) {
    await must(secretary.socket, 'participant:remove', { meetingId, userId: d.account.userId });
    await must(secretary.socket, 'participant:set', { meetingId, userId: d.account.userId, role: 'delegate' });
  }
  await must(secretary.socket, 'attendance:check-in', { meetingId, userId: taken.account.userId });
  mustAllPass(await wave, 'wave back in');
  mustAllPass(await timedBurst(every(3, 2), (d) => d.checkOut()), 'second wave out');

  away.client.start();
  late.client.start();
  verdict = await roomVersusDatabase(h, meetingId, [screen, flaky, away, late, desk]);
  ({ log, wrong: wrongRolls } = await tapsVersusLog(h, meetingId, start, [tap]));
}, 240_000);

afterAll(() => rig?.close());

describe('a room of 120 arriving and leaving, folded into rolls', () => {
  // Attacks what a roll says: every user of its run as the run left them, nobody else (not a
  // voter who only voted, not a user of another run across a participant change), and the
  // seq, time, actor and command id of an attendance row, never of an anonymous ballot count.
  it('sends rolls that say exactly what the stored log says, and nothing of who cast a secret ballot', () => {
    const sent = tap.batches.flatMap((b) => b.changes).filter((c) => c.seq > start);
    expect(wrongRolls).toEqual([]);
    expect(sent.filter(isRoll).some((r) => r.data.checkedIn.length + r.data.checkedOut.length >= 10)).toBe(true);
    const counts = sent.filter((c) => c.type === 'vote:ballot-counted' && c.data.voteId === secretVoteId);
    expect(counts.length).toBeGreaterThan(0);
    for (const c of counts) {
      if (c.type !== 'vote:ballot-counted') continue;
      expect({ voterId: c.data.voterId, voterIds: c.data.voterIds ?? [] }).toEqual({ voterId: null, voterIds: [] });
    }
  });

  // Attacks the point of the roll: 100+ check-ins must not cost each tablet a whole participant each.
  it('costs the wire a fraction of what whole participants would', () => {
    const sent = tap.batches.flatMap((b) => b.changes).filter((c) => c.seq > start);
    const folded = jsonBytes(sent.filter((c) => isRoll(c) || isAttendance(c)));
    const whole = jsonBytes(log.filter(isAttendance));
    console.info(
      `attendance: ${log.filter(isAttendance).length} changes, ${whole} B whole, ${folded} B sent ` +
        `(${sent.filter(isRoll).length} rolls); all frames ${tap.bytes()} B against ${jsonBytes(log)} B stored`,
    );
    expect(log.filter(isAttendance).length).toBeGreaterThanOrEqual(200);
    expect(folded * 4).toBeLessThan(whole);
    expect(tap.bytes() * 2).toBeLessThan(jsonBytes(log));
  });

  // Attacks convergence on the product's client core: a tablet whose link drops mid-storm, one
  // that comes back past the catch-up limit (a snapshot), one that catches up over folded changes.
  it('leaves every client core where the database is: presence, roles, participants and seq', () => {
    expect(verdict).toEqual([]);
  });

  // Attacks a tab that holds a seq inside a folded span: at every seq of the storm, what the
  // batches on the wire bring it to, and what a catch-up from there brings it to, is the database.
  it('brings a tab holding any seq inside the storm to the database, from the wire and from a catch-up', async () => {
    const truth = (await meetingSnapshot(h.server.store.db, meetingId, display.userId)) as MeetingSnapshot;
    const end = truth.seq;
    const step = Math.max(1, Math.ceil((end - start) / 150));
    const kinds = new Set<string>();
    const off: string[] = [];
    for (let k = start; k <= end; k += step) {
      const held = applyChanges(
        asState(base, 'observer'),
        start,
        log.filter((c) => c.seq <= k),
        display.userId,
      );
      if (!held || held.seq !== k) throw new Error(`the log does not replay to ${k}`);
      const wire = foldBatches(held, tap.batches, display.userId);
      if (!wire || !sameJson(comparableMeeting(wire), comparableMeeting(truth))) off.push(`wire from ${k}`);
      const answer = await ask<MeetingUpdate>(display.socket, 'meeting:catch-up', {
        meetingId,
        sinceSeq: k,
      });
      if (!answer.ok) throw new Error(`catch-up from ${k}: ${answer.error.code}`);
      const update = answer.data;
      kinds.add(update.kind === 'snapshot' ? 'snapshot' : update.changes.some(isRoll) ? 'roll' : 'changes');
      const caught = applyUpdate(held, update, false, display.userId);
      if (!caught || !sameJson(comparableMeeting(caught), comparableMeeting(truth))) off.push(`catch-up from ${k}`);
    }
    expect(off).toEqual([]);
    // The attack met what it meant to: catch-ups folded into rolls, and past the limit, snapshots.
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['roll', 'snapshot']));
  }, 120_000);
});
