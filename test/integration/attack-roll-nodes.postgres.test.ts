import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DelegateCrowd, mustAllPass, timedBurst } from '../simulator/crowd.js';
import { pause } from '../simulator/pool.js';
import { meetingSeq } from '../support/attack-batching.js';
import { RollRig, isRoll, roomVersusDatabase, tapChanges, tapsVersusLog } from '../support/attack-roll.js';
import { connectSocket, syncAll } from '../support/server-harness.js';
import { joinMeeting, must } from '../support/vote-fixtures.js';

/**
 * The attendance roll on two nodes of one PostgreSQL: each node folds only what it commits
 * itself, so a run of check-ins is split between the nodes' batches, which interleave (and
 * arrive out of order: tablets catch up over folded changes the other node wrote). Half the
 * room checks in on each node while the secretary on the second node takes a delegate out
 * and puts them back, and a tablet drops its link in the middle. Every tablet on either
 * node must land where the database is, and every roll either node sent must say what the
 * log says.
 */
let rig: RollRig;
beforeEach(async () => {
  rig = await RollRig.open(2);
});
afterEach(() => rig.close());

describe('attendance rolls from two nodes', () => {
  // Attacks a run of check-ins that two nodes write and fold apart: rolls of either node must
  // match the log, and tablets on both nodes (one dropping its link) converge on the database.
  it('leave every tablet on either node where the database is, round after round', { timeout: 120_000 }, async () => {
    const { h, second } = rig;
    if (!second) throw new Error('no second node');
    const crowd = await DelegateCrowd.prepare(h, 40, 'nd');
    rig.crowd = crowd;
    await crowd.connect([h.server.url, second.url]);
    const secretary = await joinMeeting(h, 'thuky');
    const onTwo = await connectSocket(second.url, (await h.login('thuky')).token);
    rig.sockets.push(secretary.socket, onTwo);
    await syncAll(onTwo);
    const meetingId = secretary.meeting.id;
    const devices = [
      await rig.device('phonghop'),
      await rig.device('daibieu2', second),
      await rig.device('daibieu3'),
      await rig.device('thuky', second),
    ];
    const [, flaky] = devices;
    if (!flaky) throw new Error('no flaky tablet');
    const start = await meetingSeq(h, meetingId);
    const taps = [tapChanges(secretary.socket), tapChanges(onTwo)];
    const off: string[] = [];
    for (let round = 0; round < 3; round++) {
      const taken = crowd.delegates[round];
      if (!taken) throw new Error('no delegate to take out');
      const arriving = timedBurst(
        crowd.delegates.filter((d) => d !== taken),
        (d) => d.checkIn(),
      );
      await pause(10);
      flaky.client.stop();
      await must(onTwo, 'participant:remove', { meetingId, userId: taken.account.userId });
      await must(onTwo, 'participant:set', { meetingId, userId: taken.account.userId, role: 'delegate' });
      await must(onTwo, 'attendance:check-in', { meetingId, userId: taken.account.userId });
      flaky.client.start();
      mustAllPass(await arriving, 'arrivals');
      const leaving = crowd.delegates.filter((d, i) => d !== taken && i % 2 === round % 2);
      mustAllPass(await timedBurst(leaving, (d) => d.checkOut()), 'departures');
      off.push(...(await roomVersusDatabase(h, meetingId, devices)).map((o) => `round ${round}: ${o}`));
    }
    expect(off).toEqual([]);
    expect((await tapsVersusLog(h, meetingId, start, taps)).wrong).toEqual([]);
    // The attack met what it meant to: both nodes folded check-ins into rolls (a roll is sent
    // by the node its last check-in was committed on: crowd.connect puts delegate i on node i % 2).
    const nodeOf = new Map(crowd.delegates.map((d, i) => [d.account.userId, i % 2]));
    const rolls = taps.flatMap((t) => t.batches.flatMap((b) => b.changes)).filter(isRoll);
    expect(new Set(rolls.map((r) => nodeOf.get(r.actorId) ?? 1))).toEqual(new Set([0, 1]));
  });
});
