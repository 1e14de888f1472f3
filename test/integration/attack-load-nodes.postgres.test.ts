import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBallotKey } from '../../shared/client/ballot-keys.js';
import { ATTENDANCE_CHANGES_PER_WINDOW } from '../../server/attendance/attendance-window.js';
import type { RunningServer } from '../../server/app.js';
import { ROOMY_LIMITS, tabsOf } from '../support/attack-batching.js';
import { ask, startHarness, type Harness, type TestSocket } from '../support/server-harness.js';
import { joinMeeting, must, yesNoVote } from '../support/vote-fixtures.js';
import { attendanceLedger, codeOf, roomySecondNode, toggleFrom } from '../support/attack-load.js';

/**
 * Two nodes on one PostgreSQL: a delegate's tabs spread over both, toggling attendance or
 * casting from several devices at once. Each node batches what it receives; the meeting's
 * row lock must make the allowance and the ballot box hold as on one node.
 */
let h: Harness;
let second: RunningServer;
const opened: TestSocket[] = [];
beforeEach(async () => {
  h = await startHarness(ROOMY_LIMITS);
  second = await roomySecondNode(h);
});
afterEach(async () => {
  for (const s of opened.splice(0)) s.disconnect();
  await second?.close();
  await h.cleanup();
});

/** Eight tabs of one person, four on each node. */
async function tabsOnBothNodes(username: string): Promise<TestSocket[]> {
  return [
    ...(await tabsOf(h, h.server.url, username, 4, opened)),
    ...(await tabsOf(h, second.url, username, 4, opened)),
  ];
}

describe('attendance on two nodes', () => {
  it(
    "spends a delegate's own allowance exactly once, and the staff's apart, whatever node each toggle reaches",
    { timeout: 90_000 },
    async () => {
      const d1 = await joinMeeting(h, 'daibieu1');
      const meetingId = d1.meeting.id;
      const own = await tabsOnBothNodes('daibieu1');
      const staff = [
        ...(await tabsOf(h, h.server.url, 'thuky', 4, opened)),
        ...(await tabsOf(h, second.url, 'chutoa', 4, opened)),
      ];
      const answers = await Promise.all([
        ...own.flatMap((tab, t) =>
          Array.from({ length: 6 }, (_, i) => toggleFrom(tab, meetingId, d1.userId, (t + i) % 2 === 0)),
        ),
        ...staff.flatMap((tab, t) =>
          Array.from({ length: 6 }, (_, i) => toggleFrom(tab, meetingId, d1.userId, (t + i) % 2 === 1)),
        ),
      ]);
      expect(answers.every((a) => a === 'ok' || a === 'CONFLICT')).toBe(true);
      const ledger = await attendanceLedger(h, meetingId, d1.userId);
      // Neither allowance went past its bound, and the row says what the log says.
      expect(ledger.selfCount).toBeLessThanOrEqual(ATTENDANCE_CHANGES_PER_WINDOW);
      expect(ledger.staffCount).toBeLessThanOrEqual(ATTENDANCE_CHANGES_PER_WINDOW);
      expect(ledger.selfCount + ledger.staffCount).toBe(ledger.changes);
      expect(ledger.present).toBe(ledger.lastType === 'attendance:checked-in');
    },
  );
});

describe('ballots of one voter from several devices on two nodes', () => {
  it('count one voter and keep one ballot, every other device refused', { timeout: 90_000 }, async () => {
    const chair = await joinMeeting(h, 'chutoa');
    const d1 = await joinMeeting(h, 'daibieu1');
    const meetingId = d1.meeting.id;
    await must(d1.socket, 'attendance:check-in', { meetingId, userId: d1.userId });
    for (const kind of ['secret', 'named'] as const) {
      for (const allowChange of [false, true]) {
        const vote = yesNoVote({ kind, allowChange });
        await must(chair.socket, 'vote:create', { meetingId, ...vote });
        await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
        const devices = await tabsOnBothNodes('daibieu1');
        // Each tab is a device of its own (its own ballot key), all casting at once.
        const answers = await Promise.all(
          devices.map(async (tab, i) =>
            codeOf(
              await ask(tab, 'vote:cast', {
                commandId: uuidv7(),
                meetingId,
                voteId: vote.voteId,
                ballotKey: makeBallotKey(),
                choices: [i % 2 === 0 ? 'yes' : 'no'],
              }),
            ),
          ),
        );
        expect(
          answers.filter((a) => a === 'ok'),
          `${kind}, allowChange ${allowChange}: ${answers.join(',')}`,
        ).toHaveLength(1);
        const refusal = allowChange ? 'OTHER_DEVICE_BALLOT' : 'ALREADY_VOTED';
        expect(answers.filter((a) => a !== 'ok')).toEqual(answers.slice(1).map(() => refusal));
        const db = h.server.store.db;
        const stored = await db
          .selectFrom('votes')
          .select('ballot_count')
          .where('id', '=', vote.voteId)
          .executeTakeFirstOrThrow();
        expect(stored.ballot_count).toBe(1);
        expect(
          await db.selectFrom('vote_voters').select('user_id').where('vote_id', '=', vote.voteId).execute(),
        ).toHaveLength(1);
        expect(
          await db.selectFrom('vote_ballots').select('vote_id').where('vote_id', '=', vote.voteId).execute(),
        ).toHaveLength(1);
        await must(chair.socket, 'vote:close', { meetingId, voteId: vote.voteId });
        await must(chair.socket, 'vote:publish', { meetingId, voteId: vote.voteId });
        for (const s of devices) s.disconnect();
      }
    }
  });
});
