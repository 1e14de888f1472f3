import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBallotKey } from '../../shared/client/ballot-keys.js';
import { ATTENDANCE_CHANGES_PER_WINDOW } from '../../server/attendance/attendance-window.js';
import { ROOMY_LIMITS, tabsOf } from '../support/attack-batching.js';
import { ask, startHarness, type Harness, type TestSocket } from '../support/server-harness.js';
import { joinMeeting, must, yesNoVote, type Member } from '../support/vote-fixtures.js';
import { attendanceLedger, codeOf, toggleFrom } from '../support/attack-load.js';

/**
 * Check-in and check-out after their rewrite (one read of the participant row with both
 * allowances, one UPDATE of presence and allowance), attacked by a hostile delegate with
 * every tab a sign-in may hold, by two staff at once, and by a delegate probing a meeting
 * they are not in.
 */
let h: Harness;
const opened: TestSocket[] = [];
let meetingId: string;
let secretary: Member;
let chair: Member;
let d1: Member;
let d2: Member;
beforeEach(async () => {
  h = await startHarness(ROOMY_LIMITS);
  const joined = await joinMeeting(h, 'thuky');
  secretary = joined;
  meetingId = joined.meeting.id;
  chair = await joinMeeting(h, 'chutoa');
  d1 = await joinMeeting(h, 'daibieu1');
  d2 = await joinMeeting(h, 'daibieu2');
});
afterEach(async () => {
  for (const s of opened.splice(0)) s.disconnect();
  await h.cleanup();
});

describe("a delegate's own allowance", () => {
  it(
    'holds against eight tabs toggling at once: exactly the allowance of changes, and the row count matches the log',
    { timeout: 60_000 },
    async () => {
      const tabs = await tabsOf(h, h.server.url, 'daibieu1', 8, opened);
      // Every tab sends check-in and check-out alternately, all without waiting: the batches
      // of group commit carry many toggles of one row.
      const answers = await Promise.all(
        tabs.flatMap((tab, t) =>
          Array.from({ length: 8 }, (_, i) => toggleFrom(tab, meetingId, d1.userId, (t + i) % 2 === 0)),
        ),
      );
      expect(answers.every((a) => a === 'ok' || a === 'CONFLICT')).toBe(true);
      // Then one at a time until refused: the allowance is then used up exactly.
      for (let i = 0; i <= ATTENDANCE_CHANGES_PER_WINDOW; i++) {
        const now = await attendanceLedger(h, meetingId, d1.userId);
        if ((await toggleFrom(tabs[0] as TestSocket, meetingId, d1.userId, !now.present)) === 'CONFLICT') break;
      }
      const ledger = await attendanceLedger(h, meetingId, d1.userId);
      expect(ledger.changes).toBe(ATTENDANCE_CHANGES_PER_WINDOW);
      // The row's count is exactly what the log holds, and its presence what the last change says.
      expect(ledger.selfCount).toBe(ledger.changes);
      expect(ledger.staffCount).toBe(0);
      expect(ledger.present).toBe(ledger.lastType === 'attendance:checked-in');
    },
  );

  it(
    'cannot be spent by staff: chair and secretary racing on one delegate leave the delegate free to come and go',
    { timeout: 60_000 },
    async () => {
      const staffTabs = [
        ...(await tabsOf(h, h.server.url, 'thuky', 4, opened)),
        ...(await tabsOf(h, h.server.url, 'chutoa', 4, opened)),
      ];
      const answers = await Promise.all(
        staffTabs.flatMap((tab, t) =>
          Array.from({ length: 6 }, (_, i) => toggleFrom(tab, meetingId, d2.userId, (t + i) % 2 === 0)),
        ),
      );
      expect(answers.every((a) => a === 'ok' || a === 'CONFLICT')).toBe(true);
      const ledger = await attendanceLedger(h, meetingId, d2.userId);
      expect(ledger.changes).toBeLessThanOrEqual(ATTENDANCE_CHANGES_PER_WINDOW);
      expect(ledger.staffCount).toBe(ledger.changes);
      expect(ledger.selfCount).toBe(0);
      // The staff's allowance for d2 is spent; d2's own is whole.
      for (let i = 0; i < 4; i++) {
        expect(await toggleFrom(d2.socket, meetingId, d2.userId, i % 2 === (ledger.present ? 1 : 0))).toBe('ok');
      }
      // And the staff's own check-ins count against their own rows, not d2's.
      expect(await toggleFrom(secretary.socket, meetingId, secretary.userId, true)).toBe('ok');
      expect((await attendanceLedger(h, meetingId, d2.userId)).staffCount).toBe(ledger.staffCount);
    },
  );
});

describe('a meeting the actor may not see', () => {
  it(
    'answers NOT_FOUND for every target, whether or not the target takes part in it, and for every actor outside it',
    { timeout: 60_000 },
    async () => {
      const admin = await joinMeeting(h, 'admin');
      const hidden = uuidv7();
      await must(admin.socket, 'meeting:create', {
        meetingId: hidden,
        title: 'Phiên họp kín',
        startsAt: new Date().toISOString(),
        place: 'Phòng 3',
        organisation: 'Ban thường vụ',
      });
      await must(admin.socket, 'participant:set', { meetingId: hidden, userId: secretary.userId, role: 'secretary' });
      await must(admin.socket, 'participant:set', { meetingId: hidden, userId: d2.userId, role: 'delegate' });
      const probe = async (actor: Member, targetId: string, checkIn: boolean) => {
        const answer = await ask(actor.socket, checkIn ? 'attendance:check-in' : 'attendance:check-out', {
          commandId: uuidv7(),
          meetingId: hidden,
          userId: targetId,
        });
        return answer.ok ? { ok: true } : { code: answer.error.code, message: answer.error.message };
      };
      for (const status of ['draft', 'published'] as const) {
        if (status === 'published') await must(admin.socket, 'meeting:publish', { meetingId: hidden });
        // d1 and the chair of the demo meeting take no part in the hidden one; d2 does, the
        // secretary too, and someone's id that is nobody's.
        for (const actor of [d1, chair]) {
          const answers = [];
          for (const target of [d2.userId, secretary.userId, actor.userId, uuidv7()]) {
            for (const checkIn of [true, false]) answers.push(await probe(actor, target, checkIn));
          }
          const unknownMeeting = await ask(actor.socket, 'attendance:check-in', {
            commandId: uuidv7(),
            meetingId: uuidv7(),
            userId: d2.userId,
          });
          expect(unknownMeeting.ok).toBe(false);
          const nothing = unknownMeeting.ok
            ? null
            : { code: unknownMeeting.error.code, message: unknownMeeting.error.message };
          expect(nothing?.code).toBe('NOT_FOUND');
          // Every probe answers exactly as a meeting that does not exist.
          expect(answers).toEqual(answers.map(() => nothing));
        }
      }
      expect((await attendanceLedger(h, hidden, d2.userId)).changes).toBe(0);
    },
  );
});

describe('an open vote', () => {
  it(
    "keeps staff from moving anyone in or out, while the person's own check-in lets them vote",
    { timeout: 60_000 },
    async () => {
      const vote = yesNoVote({ kind: 'secret' });
      await must(chair.socket, 'vote:create', { meetingId, ...vote });
      await must(secretary.socket, 'attendance:check-in', { meetingId, userId: d1.userId });
      await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
      const before = await attendanceLedger(h, meetingId, d2.userId);
      // Many tabs of both staff at once, in and out, for someone absent and someone present.
      const staffTabs = [
        ...(await tabsOf(h, h.server.url, 'thuky', 3, opened)),
        ...(await tabsOf(h, h.server.url, 'chutoa', 3, opened)),
      ];
      const answers = await Promise.all(
        staffTabs.flatMap((tab) => [
          toggleFrom(tab, meetingId, d2.userId, true),
          toggleFrom(tab, meetingId, d1.userId, false),
        ]),
      );
      expect(new Set(answers)).toEqual(new Set(['VOTE_IN_PROGRESS']));
      expect(await attendanceLedger(h, meetingId, d2.userId)).toEqual(before);
      // A ballot of someone the staff could not check in is refused; their own check-in admits it.
      const ballot = () =>
        ask(d2.socket, 'vote:cast', {
          commandId: uuidv7(),
          meetingId,
          voteId: vote.voteId,
          ballotKey: makeBallotKey(),
          choices: ['yes'],
        });
      expect(codeOf(await ballot())).toBe('NOT_PRESENT');
      expect(await toggleFrom(d2.socket, meetingId, d2.userId, true)).toBe('ok');
      expect(codeOf(await ballot())).toBe('ok');
    },
  );
});
