import { describe, expect, it } from 'vitest';
import type { MeetingClient } from '../../shared/client/index.js';
import type { Ack, CommandReceipt } from '../../shared/protocol/index.js';
import { ROOMY_LIMITS, agendaItem, expectHeldAsStored, meetingSeq } from '../support/attack-batching.js';
import { ask, connectSocket, waitFor } from '../support/server-harness.js';
import { serverEachTest } from '../support/server-each-test.js';
import { tablet } from '../support/tablet.js';
import { joinMeeting } from '../support/vote-fixtures.js';

/**
 * A server stopped (its ordinary stop: the fan-out flushed, the transports closed, the store
 * closed) in the middle of a storm of commands, while the room's batches wait out their
 * interval. What was acknowledged must be there after the start; what was committed but
 * never answered, or never committed, is sent again under its command id and applied once;
 * and every tablet's client core, reconnecting by itself, ends with what the database holds.
 */
const { h, clients, sockets } = serverEachTest(ROOMY_LIMITS);

async function signedInTablet(username: string) {
  const device = tablet(h, clients);
  return { name: username, client: device.client, userId: await device.signIn(username) };
}

const itemRows = (itemId: string) =>
  h.server.store.db.selectFrom('agenda_items').select('id').where('id', '=', itemId).execute();
const commandRows = (commandId: string) =>
  h.server.store.db.selectFrom('commands').select('id').where('id', '=', commandId).execute();

describe('a server stopped in the middle of a storm', () => {
  it(
    'loses no acknowledged change, applies every resent command once, and every tablet converges',
    { timeout: 90_000 },
    async () => {
      const secretary = await joinMeeting(h, 'thuky');
      const meetingId = secretary.meeting.id;
      const tablets = await Promise.all(['daibieu1', 'daibieu2', 'chutoa'].map(signedInTablet));
      const [d1] = tablets;
      if (!d1) throw new Error('no tablet');

      // A storm of the secretary's edits, none awaited; the stop comes as the tenth is answered.
      const commands = Array.from({ length: 60 }, (_, i) => agendaItem(meetingId, `Mục dừng máy ${i}`));
      let answered = 0;
      let stopping: Promise<void> | null = null;
      const answers = commands.map((c) =>
        ask<CommandReceipt>(secretary.socket, 'agenda:add-item', c, 3000).then(
          (a) => {
            if (++answered === 10) stopping = h.restart();
            return a;
          },
          () => null,
        ),
      );
      // The tablet's own command, queued in its outbox in the same moment.
      const checkIn = d1.client.send('attendance:check-in', { meetingId, userId: d1.userId });
      const settled: Array<Ack<CommandReceipt> | null> = await Promise.all(answers);
      await waitFor(() => stopping !== null, 10_000, 'the stop to begin');
      await stopping;

      const acked = commands.filter((_, i) => settled[i]?.ok === true);
      expect(acked.length).toBeGreaterThanOrEqual(10);
      // The stop did catch commands unanswered: the test attacked the stop, not a quiet server.
      expect(acked.length).toBeLessThan(commands.length);
      for (const c of acked) expect(await itemRows(c.itemId), `acknowledged ${c.title}`).toHaveLength(1);

      // The secretary's console sends again what it holds no answer for, under the same ids.
      const login = await h.login('thuky');
      const again = await connectSocket(h.server.url, login.token);
      sockets.push(again);
      for (const [i, c] of commands.entries()) {
        if (settled[i]?.ok) continue;
        const answer = await ask<CommandReceipt>(again, 'agenda:add-item', c);
        expect(answer.ok, `${c.title}: ${answer.ok ? '' : answer.error.code}`).toBe(true);
      }
      for (const c of commands) {
        expect(await itemRows(c.itemId), c.title).toHaveLength(1);
        expect(await commandRows(c.commandId), c.title).toHaveLength(1);
      }

      // The tablet's outbox delivered its check-in once, through the stop.
      expect((await checkIn).ok).toBe(true);
      const seq = await meetingSeq(h, meetingId);
      const held = (c: MeetingClient) => c.getState().meetings[meetingId]?.seq ?? -1;
      await waitFor(
        () => tablets.every((t) => t.client.getState().connection === 'online' && held(t.client) === seq),
        20_000,
        `every tablet back at seq ${seq}`,
      );
      await expectHeldAsStored(h, tablets, meetingId);
      const checkIns = await h.server.store.db
        .selectFrom('meeting_changes')
        .select('data')
        .where('meeting_id', '=', meetingId)
        .where('type', '=', 'attendance:checked-in')
        .execute();
      expect(checkIns.filter((r) => r.data.includes(d1.userId))).toHaveLength(1);
    },
  );
});
