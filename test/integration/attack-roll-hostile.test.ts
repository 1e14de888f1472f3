import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../shared/protocol/index.js';
import { DelegateCrowd, timedBurst } from '../simulator/crowd.js';
import { pause } from '../simulator/pool.js';
import { meetingSeq, tabsOf } from '../support/attack-batching.js';
import { codeOf, toggleFrom } from '../support/attack-load.js';
import {
  isAttendance,
  isRoll,
  roomVersusDatabase,
  tapChanges,
  tapsVersusLog,
  RollRig,
  type RoomDevice,
} from '../support/attack-roll.js';
import { health, type Harness } from '../support/server-harness.js';
import { joinMeeting, must, type Member } from '../support/vote-fixtures.js';

/**
 * Hostile and unlucky timing around the attendance roll: a delegate toggling their own
 * attendance from every tab a sign-in may hold while the secretary takes them out of the
 * meeting and puts them back (a participant change ends a run: no roll may carry a check-in
 * across it), check-ins of someone just removed and of the room display (which has no
 * attendance), and the meeting closed right behind a storm of check-ins. The server must
 * keep sending (no fan-out crash), send nothing about a check-in it refused, and every
 * device of the room must land where the database is.
 */
let rig: RollRig;
let h: Harness;
let chair: Member;
let secretary: Member;
let display: Member & { meeting: { id: string } };
let meetingId: string;
let devices: RoomDevice[];

beforeEach(async () => {
  rig = await RollRig.open();
  h = rig.h;
  chair = await joinMeeting(h, 'chutoa');
  secretary = await joinMeeting(h, 'thuky');
  display = await joinMeeting(h, 'phonghop');
  rig.sockets.push(chair.socket, secretary.socket, display.socket);
  meetingId = display.meeting.id;
  devices = [];
  for (const u of ['phonghop', 'thuky', 'daibieu2', 'daibieu3']) devices.push(await rig.device(u));
});
afterEach(() => rig.close());

/** The stored attendance rows of one user. */
const attendanceOf = (log: readonly Change[], userId: string) =>
  log.filter((c) => isAttendance(c) && c.data.participant.userId === userId);

describe('the attendance roll against hostile timing', () => {
  // Attacks the run boundary and refused check-ins: a flood of one user's toggles around
  // their removal and return, staff checking in the removed user, the display checking in.
  it(
    'folds a toggle flood around a removal and return without carrying anything across it, or anything refused',
    { timeout: 90_000 },
    async () => {
      const start = await meetingSeq(h, meetingId);
      const tap = tapChanges(display.socket);
      const target = await joinMeeting(h, 'daibieu1');
      rig.sockets.push(target.socket);
      const tabs = await tabsOf(h, h.server.url, 'daibieu1', 8, rig.sockets);
      const others = devices.slice(2);
      const flood = Promise.all(
        tabs.flatMap((tab, t) =>
          Array.from({ length: 8 }, (_, i) => toggleFrom(tab, meetingId, target.userId, (t + i) % 2 === 0)),
        ),
      );
      // Other delegates come and go on their client cores meanwhile, in the same batches.
      const neighbours = Promise.all(
        others.map(async (d) => {
          for (let i = 0; i < 4; i++) {
            const name = i % 2 ? 'attendance:check-out' : 'attendance:check-in';
            await d.client.send(name, { meetingId, userId: d.userId });
          }
        }),
      );
      await pause(10);
      await must(secretary.socket, 'participant:remove', { meetingId, userId: target.userId });
      const whileRemoved = await toggleFrom(secretary.socket, meetingId, target.userId, true);
      const displayIn = await toggleFrom(display.socket, meetingId, display.userId, true);
      await pause(20);
      await must(secretary.socket, 'participant:set', { meetingId, userId: target.userId, role: 'delegate' });
      const staffIn = await toggleFrom(secretary.socket, meetingId, target.userId, true);
      const answers = await flood;
      await neighbours;

      expect({ whileRemoved, displayIn, staffIn }).toEqual({
        whileRemoved: 'NOT_FOUND',
        displayIn: 'NO_ATTENDANCE',
        staffIn: 'ok',
      });
      // The flood met refusals (its allowance, its removal), never a server fault.
      expect(answers.filter((a) => !['ok', 'CONFLICT', 'NOT_FOUND'].includes(a))).toEqual([]);
      expect(await health(h.server.url)).toBe(200);

      expect(await roomVersusDatabase(h, meetingId, devices)).toEqual([]);
      const { log, wrong } = await tapsVersusLog(h, meetingId, start, [tap]);
      expect(wrong).toEqual([]);
      // Nothing about the target between their removal and return, nothing ever about the display.
      const removal = log.find((c) => c.type === 'participant:removed' && c.data.userId === target.userId);
      const removedAt = removal?.seq ?? -1;
      const backAt = log.find((c) => c.type === 'participant:set' && c.seq > removedAt)?.seq ?? -1;
      expect(backAt).toBeGreaterThan(removedAt);
      const targetRows = attendanceOf(log, target.userId);
      expect(targetRows.filter((c) => c.seq > removedAt && c.seq < backAt)).toEqual([]);
      expect(attendanceOf(log, display.userId)).toEqual([]);
      const rolls = tap.batches.flatMap((b) => b.changes).filter(isRoll);
      for (const r of rolls) expect([...r.data.checkedIn, ...r.data.checkedOut]).not.toContain(display.userId);
      // The attack met what it meant to: the toggles were folded.
      expect(rolls.length).toBeGreaterThan(0);
      expect(targetRows.length).toBeGreaterThan(1);
    },
  );

  // Attacks a close racing a storm of check-ins: no attendance may follow the close in the
  // log, no roll may be sent at or after it, and the late check-ins are refused, not lost.
  it(
    'closes the meeting behind a storm of check-ins: no roll after the close, the room on the database',
    { timeout: 90_000 },
    async () => {
      const crowd = await DelegateCrowd.prepare(h, 40, 'cl');
      rig.crowd = crowd;
      await crowd.connect([h.server.url]);
      const start = await meetingSeq(h, meetingId);
      const tap = tapChanges(display.socket);
      const storm = timedBurst(crowd.delegates, async (d) => {
        const first = await d.checkIn();
        return first.ok ? d.checkOut() : first;
      });
      await pause(15);
      const close = must(chair.socket, 'meeting:close', { meetingId });
      const burst = await storm;
      await close;
      // Late ones are refused as the meeting is closed (CONFLICT), nothing else.
      expect(new Set(burst.refused.map((r) => r.error.code))).toEqual(
        new Set(burst.refused.length > 0 ? ['CONFLICT'] : []),
      );
      const after = await timedBurst(crowd.delegates.slice(0, 5), (d) => d.checkIn());
      expect(after.refused.map((r) => codeOf(r))).toEqual(Array(5).fill('CONFLICT'));

      expect(await roomVersusDatabase(h, meetingId, devices)).toEqual([]);
      const { log, wrong } = await tapsVersusLog(h, meetingId, start, [tap]);
      expect(wrong).toEqual([]);
      const closedAt = log.find((c) => c.type === 'meeting:closed')?.seq ?? Number.POSITIVE_INFINITY;
      expect(closedAt).toBeLessThan(Number.POSITIVE_INFINITY);
      expect(log.filter((c) => isAttendance(c) && c.seq > closedAt)).toEqual([]);
      const sent = tap.batches.flatMap((b) => b.changes);
      expect(sent.filter((c) => isRoll(c) && c.seq > closedAt)).toEqual([]);
      // The attack met what it meant to: check-ins folded, and the close among them.
      expect(sent.some(isRoll)).toBe(true);
      expect(log.filter(isAttendance).length).toBeGreaterThan(10);
    },
  );
});
