import { beforeEach, describe, expect, it } from 'vitest';
import type { CommandReceipt } from '../../shared/protocol/index.js';
import { verifyAuditChain } from '../../server/audit/audit-log.js';
import type { RunningServer } from '../../server/app.js';
import { ROOMY_LIMITS, agendaItem, tabsOf, watchBatches } from '../support/attack-batching.js';
import { roomySecondNode } from '../support/attack-load.js';
import { ask, type TestSocket } from '../support/server-harness.js';
import { serverEachTest } from '../support/server-each-test.js';

/**
 * Group commit holds every command id's lock of a batch until its commit, and the meeting's
 * row from the first command on. Two nodes given the same two commands in opposite orders
 * (an outbox replayed to the other node after a reconnect while the first node still runs
 * it) then wait on each other: PostgreSQL breaks the deadlock in one savepoint, and the
 * runner must run that command again and answer it with the other node's receipt.
 */
const { h, sockets, nodes } = serverEachTest(ROOMY_LIMITS);
let second: RunningServer;
beforeEach(async () => {
  second = await roomySecondNode(h);
  nodes.push(second);
});

describe('the same commands in opposite orders on two nodes', () => {
  it('are each applied once, every copy answered with the one receipt', { timeout: 60_000 }, async () => {
    const [a1, a2] = await tabsOf(h, h.server.url, 'thuky', 2, sockets);
    const [b1, b2] = await tabsOf(h, second.url, 'thuky', 2, sockets);
    const meetingId = (await h.server.store.db.selectFrom('meetings').select('id').executeTakeFirstOrThrow()).id;
    const watchOne = watchBatches(h.server.store);
    const watchTwo = watchBatches(second.store);
    let slowest = 0;
    try {
      for (let round = 0; round < 6; round++) {
        const x = agendaItem(meetingId, `X${round}`);
        const y = agendaItem(meetingId, `Y${round}`);
        const started = performance.now();
        const answers = await Promise.all([
          ask<CommandReceipt>(a1 as TestSocket, 'agenda:add-item', x, 20_000),
          ask<CommandReceipt>(a2 as TestSocket, 'agenda:add-item', y, 20_000),
          ask<CommandReceipt>(b1 as TestSocket, 'agenda:add-item', y, 20_000),
          ask<CommandReceipt>(b2 as TestSocket, 'agenda:add-item', x, 20_000),
        ]);
        slowest = Math.max(slowest, performance.now() - started);
        expect(answers.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual(['ok', 'ok', 'ok', 'ok']);
        const receipts = answers.flatMap((a) => (a.ok ? [a.data] : []));
        expect(receipts.filter((r) => !r.replayed)).toHaveLength(2);
        expect(receipts[0]?.seq).toBe(receipts[3]?.seq);
        expect(receipts[1]?.seq).toBe(receipts[2]?.seq);
        for (const c of [x, y]) {
          const rows = await h.server.store.db
            .selectFrom('agenda_items')
            .select('id')
            .where('id', '=', c.itemId)
            .execute();
          expect(rows).toHaveLength(1);
        }
      }
    } finally {
      watchOne.restore();
      watchTwo.restore();
    }
    // The copies did meet in batches of two on both nodes.
    const pairs = (batches: string[][]) => batches.filter((b) => b.length >= 2).length;
    expect(pairs(watchOne.batches) + pairs(watchTwo.batches)).toBeGreaterThan(0);
    expect(await verifyAuditChain(h.server.store.db)).toBeNull();
    console.log(`slowest round ${slowest.toFixed(0)} ms`);
  });
});
