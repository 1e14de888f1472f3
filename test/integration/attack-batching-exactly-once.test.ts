import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { Ack, CommandReceipt } from '../../shared/protocol/index.js';
import { verifyAuditChain } from '../../server/audit/audit-log.js';
import { ROOMY_LIMITS, agendaItem, tabsOf, watchBatches } from '../support/attack-batching.js';
import { ask, type TestSocket } from '../support/server-harness.js';
import { serverEachTest } from '../support/server-each-test.js';
import { joinMeeting } from '../support/vote-fixtures.js';

/**
 * Group commit puts the commands of a meeting that arrive together into one transaction, a
 * savepoint each. An attacker (or a confused client: two tabs, an outbox replayed on a second
 * socket) sends the same command id several times into the same batch. Whatever the batch,
 * a command id is applied once, every sender gets the one receipt, and nothing else moves.
 */
// Room for many tabs of one user to sync (the budget is not what is attacked here).
const { h, sockets } = serverEachTest(ROOMY_LIMITS);

/** `n` tabs of one sign-in, synced. */
const socketsOf = (username: string, n: number) => tabsOf(h, h.server.url, username, n, sockets);

async function rowsWith(table: 'commands' | 'meeting_changes' | 'agenda_items', column: string, value: string) {
  const loose = h.server.store.db as unknown as {
    selectFrom(t: string): {
      selectAll(): { where(c: string, op: string, v: string): { execute(): Promise<unknown[]> } };
    };
  };
  return loose.selectFrom(table).selectAll().where(column, '=', value).execute();
}

const addItem = (meetingId: string, commandId: string, title = 'Mục trùng mã') => ({
  ...agendaItem(meetingId, title),
  commandId,
});

describe('one command id sent several times into the same batch', () => {
  it('is applied once; every socket of its user gets the same receipt, all but one replayed', async () => {
    const secretary = await joinMeeting(h, 'thuky');
    const meetingId = secretary.meeting.id;
    const tabs = await socketsOf('thuky', 6);
    const batches = watchBatches(h.server.store);
    try {
      for (let round = 0; round < 5; round++) {
        const command = addItem(meetingId, uuidv7(), `Mục ${round}`);
        // Other commands of the meeting in the same turn, so the copies share a batch with them.
        const filler = Array.from({ length: 4 }, () => addItem(meetingId, uuidv7()));
        const answers = await Promise.all([
          ...filler.map((c) => ask<CommandReceipt>(secretary.socket, 'agenda:add-item', c)),
          ...tabs.map((s) => ask<CommandReceipt>(s, 'agenda:add-item', command)),
        ]);
        const copies = answers.slice(filler.length);
        expect(copies.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual(copies.map(() => 'ok'));
        const receipts = copies.flatMap((a) => (a.ok ? [a.data] : []));
        expect(receipts.filter((r) => !r.replayed)).toHaveLength(1);
        expect(new Set(receipts.map((r) => r.seq)).size).toBe(1);
        expect(await rowsWith('commands', 'id', command.commandId)).toHaveLength(1);
        expect(await rowsWith('meeting_changes', 'command_id', command.commandId)).toHaveLength(1);
        expect(await rowsWith('agenda_items', 'id', command.itemId)).toHaveLength(1);
      }
    } finally {
      batches.restore();
    }
    // The copies did share transactions: the test attacked group commit, not one command at a time.
    expect(Math.max(...batches.batches.map((b) => b.length))).toBeGreaterThan(1);
    expect(await verifyAuditChain(h.server.store.db)).toBeNull();
  });

  it('answers a second payload under the same id DUPLICATE_COMMAND_ID, from the same user or another, in the same batch', async () => {
    const secretary = await joinMeeting(h, 'thuky');
    const meetingId = secretary.meeting.id;
    const [tab] = await socketsOf('thuky', 1);
    const d1 = await joinMeeting(h, 'daibieu1');
    const d2 = await joinMeeting(h, 'daibieu2');
    for (let round = 0; round < 5; round++) {
      const commandId = uuidv7();
      const first = addItem(meetingId, commandId, 'Thứ nhất');
      const second = addItem(meetingId, commandId, 'Thứ hai');
      const [a, b] = await Promise.all([
        ask<CommandReceipt>(secretary.socket, 'agenda:add-item', first),
        ask<CommandReceipt>(tab as TestSocket, 'agenda:add-item', second),
      ]);
      const outcomes = [a, b].map((x) => (x.ok ? 'applied' : x.error.code)).sort();
      expect(outcomes).toEqual(['DUPLICATE_COMMAND_ID', 'applied']);
      expect(await rowsWith('commands', 'id', commandId)).toHaveLength(1);
      const items = [
        ...(await rowsWith('agenda_items', 'id', first.itemId)),
        ...(await rowsWith('agenda_items', 'id', second.itemId)),
      ];
      expect(items).toHaveLength(1);

      // Two delegates, one id: each checks itself in (or out) with it.
      const shared = uuidv7();
      const event = round % 2 === 0 ? 'attendance:check-in' : 'attendance:check-out';
      const answers: Array<Ack<CommandReceipt>> = await Promise.all([
        ask<CommandReceipt>(d1.socket, event, { commandId: shared, meetingId, userId: d1.userId }),
        ask<CommandReceipt>(d2.socket, event, { commandId: shared, meetingId, userId: d2.userId }),
      ]);
      expect(answers.map((x) => (x.ok ? 'applied' : x.error.code)).sort()).toEqual(['DUPLICATE_COMMAND_ID', 'applied']);
      const changes = await rowsWith('meeting_changes', 'command_id', shared);
      expect(changes).toHaveLength(1);
    }
    expect(await verifyAuditChain(h.server.store.db)).toBeNull();
  });

  it('refuses a command that breaks a constraint inside the batch and keeps every other command of it', async () => {
    const secretary = await joinMeeting(h, 'thuky');
    const meetingId = secretary.meeting.id;
    const tabs = [...(await socketsOf('thuky', 8)), ...(await socketsOf('thuky', 8))];
    const itemId = uuidv7();
    const batches = watchBatches(h.server.store);
    let answers: Array<Ack<CommandReceipt>>;
    try {
      // Four commands add the same item id under four command ids, among twelve good ones.
      answers = await Promise.all(
        tabs.map((s, i) =>
          ask<CommandReceipt>(s, 'agenda:add-item', {
            ...addItem(meetingId, uuidv7()),
            ...(i >= 6 && i < 10 ? { itemId } : {}),
          }),
        ),
      );
    } finally {
      batches.restore();
    }
    expect(Math.max(...batches.batches.map((b) => b.length))).toBeGreaterThan(4);
    const same = answers.slice(6, 10);
    expect(same.filter((a) => a.ok)).toHaveLength(1);
    for (const refused of same.filter((a) => !a.ok)) {
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    }
    expect([...answers.slice(0, 6), ...answers.slice(10)].every((a) => a.ok)).toBe(true);
    expect(await rowsWith('agenda_items', 'id', itemId)).toHaveLength(1);
    // Gap-free log: every applied command has its own seq, one after the other.
    const seqs = answers.flatMap((a) => (a.ok ? [a.data.seq] : [])).sort((x, y) => x - y);
    expect(seqs.at(-1)! - seqs[0]! + 1).toBe(seqs.length);
    expect(await verifyAuditChain(h.server.store.db)).toBeNull();
  });
});
