import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { MeetingClient } from '../../shared/client/index.js';
import type { Ack, ChangeBatch, CommandReceipt } from '../../shared/protocol/index.js';
import { crowdOfClients, type ClientDelegate } from '../support/crowd.js';
import { ROOMY_LIMITS, agendaItem, expectHeldAsStored, meetingSeq, tabsOf } from '../support/attack-batching.js';
import { ask, collect, waitFor, type TestSocket } from '../support/server-harness.js';
import { serverEachTest } from '../support/server-each-test.js';
import { tablet } from '../support/tablet.js';
import { joinMeeting, yesNoVote } from '../support/vote-fixtures.js';

/**
 * Batched, compacted fan-out against the product's own client core: storms of ballots,
 * agenda edits, closes and cancels right behind the last ballots, check-ins and check-outs
 * of the whole room, a participant taken out and back, and a tablet that drops its
 * connection in the middle of a vote (so that it holds a seq inside a span whose counts the
 * server compacts). Afterwards every tablet must hold exactly what the database says, for
 * its user, at the server's seq.
 */
const { h, clients, sockets } = serverEachTest(ROOMY_LIMITS);

/** Every device has settled at the server's seq and holds what the database holds for its user. */
async function expectConverged(
  devices: Array<{ name: string; client: MeetingClient; userId: string }>,
  meetingId: string,
) {
  const seq = await meetingSeq(h, meetingId);
  const held = (c: MeetingClient) => c.getState().meetings[meetingId]?.seq ?? -1;
  try {
    await waitFor(() => devices.every((d) => held(d.client) === seq), 8000, 'every device at the server seq');
  } catch {
    const behind = devices.filter((d) => held(d.client) !== seq).map((d) => `${d.name} holds ${held(d.client)}`);
    throw new Error(`server at seq ${seq}; ${behind.join(', ')}`);
  }
  await expectHeldAsStored(h, devices, meetingId);
}

async function signedInClient(username: string): Promise<{ client: MeetingClient; userId: string }> {
  const device = tablet(h, clients);
  return { client: device.client, userId: await device.signIn(username) };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function must(socket: TestSocket, event: string, payload: Record<string, unknown>): Promise<CommandReceipt> {
  const answer = await ask<CommandReceipt>(socket, event, { commandId: uuidv7(), ...payload });
  if (!answer.ok) throw new Error(`${event}: ${answer.error.code}`);
  return answer.data;
}

describe('batched changes reach every tablet', () => {
  it(
    'leave every client core, the room display and a tablet that dropped mid-vote exactly where the database is',
    { timeout: 60_000 },
    async () => {
      const crowd: ClientDelegate[] = await crowdOfClients(h, 10, 'hoi');
      clients.push(...crowd.map((d) => d.client));
      const display = await signedInClient('phonghop');
      const secretaryDevice = await signedInClient('thuky');
      const chair = await joinMeeting(h, 'chutoa');
      sockets.push(chair.socket);
      const meetingId = chair.meeting.id;
      const staff = await tabsOf(h, h.server.url, 'thuky', 6, sockets);
      const devices = [
        ...crowd.map((d) => ({ name: d.username, client: d.client, userId: d.userId })),
        { name: 'phonghop', ...display },
        { name: 'thuky', ...secretaryDevice },
      ];
      const agendaStorm = () =>
        Promise.all(
          staff.map(async (s, i) => {
            for (let k = 0; k < 3; k++) {
              await ask(s, 'agenda:add-item', agendaItem(meetingId, `Mục ${i}.${k}`));
            }
          }),
        );
      const onTheWire = collect<ChangeBatch>(chair.socket, 'meeting:changes');
      const flaky = crowd[0] as ClientDelegate;
      const removed = crowd[1] as ClientDelegate;

      for (let round = 0; round < 3; round++) {
        // A named vote: every ballot at once, the close right behind them (late ballots refused).
        const named = yesNoVote();
        await must(chair.socket, 'vote:create', { meetingId, ...named });
        await must(chair.socket, 'vote:open', { meetingId, voteId: named.voteId });
        const ballots: Array<Promise<Ack<CommandReceipt>>> = crowd.map((d, i) =>
          d.client.send('vote:cast', { meetingId, voteId: named.voteId, choices: [i % 2 ? 'yes' : 'no'] }),
        );
        const storm = agendaStorm();
        // The flaky tablet drops its link among the ballots and comes back a moment later.
        flaky.client.stop();
        await pause(5 + round * 10);
        const close = must(chair.socket, 'vote:close', { meetingId, voteId: named.voteId });
        flaky.client.start();
        await Promise.all([close, storm, Promise.all(ballots)]);
        await must(chair.socket, 'vote:publish', { meetingId, voteId: named.voteId });

        // A secret vote whose ballots are changed, cancelled right behind the last ones.
        const secret = yesNoVote({ kind: 'secret', allowChange: true });
        await must(chair.socket, 'vote:create', { meetingId, ...secret });
        await must(chair.socket, 'vote:open', { meetingId, voteId: secret.voteId });
        const cast = crowd.map(async (d, i) => {
          await d.client.send('vote:cast', { meetingId, voteId: secret.voteId, choices: ['yes'] });
          if (i % 2) await d.client.send('vote:cast', { meetingId, voteId: secret.voteId, choices: ['abstain'] });
        });
        await pause(15);
        await must(chair.socket, 'vote:cancel', { meetingId, voteId: secret.voteId, reason: 'Sai câu hỏi' });
        await Promise.all(cast);

        // The room checks in at once and half of it leaves again (batches fold these into
        // rolls), while a delegate is taken out and put back and the staff edits the agenda.
        const roll = Promise.all(
          crowd
            .filter((d) => d !== removed)
            .map(async (d, i) => {
              await d.client.send('attendance:check-in', { meetingId, userId: d.userId });
              if (i % 2) await d.client.send('attendance:check-out', { meetingId, userId: d.userId });
            }),
        );
        const again = agendaStorm();
        await must(staff[0] as TestSocket, 'participant:remove', { meetingId, userId: removed.userId });
        await pause(20);
        await must(staff[1] as TestSocket, 'participant:set', { meetingId, userId: removed.userId, role: 'delegate' });
        await Promise.all([again, roll]);
        await waitFor(() => removed.client.getState().meetings[meetingId] !== undefined, 5000, 'meeting back');
        await must(staff[2] as TestSocket, 'attendance:check-in', { meetingId, userId: removed.userId });
      }
      await expectConverged(devices, meetingId);
      // The attack met what it meant to: batches of several changes, and counts left out of them.
      expect(onTheWire.some((b) => b.changes.length > 1)).toBe(true);
      expect(onTheWire.some((b) => b.changes.some((c, i) => c.seq !== b.sinceSeq + i + 1))).toBe(true);
      expect(onTheWire.some((b) => b.changes.some((c) => c.type === 'attendance:roll'))).toBe(true);
    },
  );
});
