import { beforeEach, describe, expect, it } from 'vitest';
import type { MeetingClient } from '../../shared/client/index.js';
import type { RunningServer } from '../../server/app.js';
import { ROOMY_LIMITS, agendaItem, expectHeldAsStored, meetingSeq, tabsOf } from '../support/attack-batching.js';
import { roomySecondNode } from '../support/attack-load.js';
import { ask, waitFor, type TestSocket } from '../support/server-harness.js';
import { serverEachTest } from '../support/server-each-test.js';
import { tablet } from '../support/tablet.js';

/**
 * Two nodes on one PostgreSQL. Each node batches what it commits (at most one batch per
 * meeting every 50 ms, the first at once), and the adapter carries the batches to the other
 * node's sockets: a node in its 50 ms wait sends later than a quiet node that committed after
 * it, so tablets routinely see a batch that starts beyond what they hold, and catch up. After
 * every burst, every tablet on either node must reach the server's seq and hold what the
 * database holds.
 */
const { h, clients, sockets, nodes } = serverEachTest(ROOMY_LIMITS);
let second: RunningServer;
beforeEach(async () => {
  second = await roomySecondNode(h);
  nodes.push(second);
});

async function device(url: string, username: string) {
  const t = tablet(h, clients);
  const userId = await t.signIn(username, url);
  return { name: `${username}@${url.slice(-5)}`, client: t.client, userId };
}

describe('two nodes batching the same meeting', () => {
  it('bring every tablet on either node to the server seq after each burst', { timeout: 60_000 }, async () => {
    const urls = [h.server.url, second.url];
    let catchUps = 0;
    for (const node of [h.server, second]) {
      node.io.on('connection', (socket) =>
        socket.onAny((event: string) => {
          if (event === 'meeting:catch-up') catchUps += 1;
        }),
      );
    }
    const devices: Array<Awaited<ReturnType<typeof device>>> = [];
    for (const [i, username] of ['daibieu1', 'daibieu2', 'daibieu3', 'phonghop', 'chutoa', 'thuky'].entries()) {
      devices.push(await device(urls[i % 2] as string, username));
    }
    const one = await tabsOf(h, urls[0] as string, 'thuky', 4, sockets);
    const two = await tabsOf(h, urls[1] as string, 'thuky', 4, sockets);
    const meetingId = Object.keys(devices[0]?.client.getState().meetings ?? {})[0] ?? '';
    const seqNow = () => meetingSeq(h, meetingId);
    const add = (s: TestSocket, title: string) => ask(s, 'agenda:add-item', agendaItem(meetingId, title));
    const stuck: string[] = [];
    for (let round = 0; round < 20; round++) {
      // Node one sends its first command at once and holds the next for its 50 ms; node two,
      // quiet, sends what it commits meanwhile at once: tablets see batches beyond what they hold.
      await Promise.all([add(one[0] as TestSocket, `Một ${round}`), add(one[0] as TestSocket, `Một ${round}'`)]);
      await Promise.all(two.map((s, i) => add(s, `Hai ${round}.${i}`)));
      await add(one[1] as TestSocket, `Một ${round}''`);
      await add(two[round % 4] as TestSocket, `Cuối ${round}`);
      const seq = await seqNow();
      const held = (c: MeetingClient) => c.getState().meetings[meetingId]?.seq ?? -1;
      try {
        await waitFor(() => devices.every((d) => held(d.client) === seq), 3000, 'every tablet at the server seq');
      } catch {
        stuck.push(
          `round ${round}: server at ${seq}; ${devices
            .filter((d) => held(d.client) !== seq)
            .map((d) => `${d.name} holds ${held(d.client)}`)
            .join(', ')}`,
        );
        break;
      }
    }
    expect(stuck).toEqual([]);
    // The attack met what it meant to: tablets did see batches beyond what they held.
    expect(catchUps).toBeGreaterThan(0);
    await expectHeldAsStored(h, devices, meetingId);
  });
});
