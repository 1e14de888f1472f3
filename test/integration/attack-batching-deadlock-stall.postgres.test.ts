import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandReceipt } from '../../shared/protocol/index.js';
import type { RunningServer } from '../../server/app.js';
import { agendaItem, secondNode, tabsOf } from '../support/attack-batching.js';
import { ask, startHarness, type Harness, type TestSocket } from '../support/server-harness.js';
import { joinMeeting } from '../support/vote-fixtures.js';

/**
 * One signed-in user with two tabs on each of two nodes sends two command ids of its own in
 * opposite orders to the two nodes, over and over (4 events a round: far inside the event
 * budget). Each round the two nodes' batches deadlock on the command-id locks while holding
 * the meeting's row; PostgreSQL breaks it after deadlock_timeout (1 s). Meanwhile every other
 * command of the meeting, on both nodes, waits.
 */
let h: Harness;
let second: RunningServer;
const sockets: TestSocket[] = [];
beforeEach(async () => {
  h = await startHarness();
  second = await secondNode(h);
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await second?.close();
  await h.cleanup();
});

describe('a user who sends the same commands in opposite orders to two nodes', () => {
  it("does not hold up other people's commands of the meeting", { timeout: 60_000 }, async () => {
    const [a1, a2] = await tabsOf(h, h.server.url, 'thuky', 2, sockets);
    const [b1, b2] = await tabsOf(h, second.url, 'thuky', 2, sockets);
    const victim = await joinMeeting(h, 'daibieu1');
    sockets.push(victim.socket);
    const meetingId = victim.meeting.id;
    const add = (title: string) => agendaItem(meetingId, title);
    let attacking = true;
    const attack = (async () => {
      while (attacking) {
        const x = add('X');
        const y = add('Y');
        await Promise.all([
          ask<CommandReceipt>(a1 as TestSocket, 'agenda:add-item', x, 20_000),
          ask<CommandReceipt>(a2 as TestSocket, 'agenda:add-item', y, 20_000),
          ask<CommandReceipt>(b1 as TestSocket, 'agenda:add-item', y, 20_000),
          ask<CommandReceipt>(b2 as TestSocket, 'agenda:add-item', x, 20_000),
        ]);
      }
    })();
    const latencies: number[] = [];
    try {
      await new Promise((r) => setTimeout(r, 300));
      for (let i = 0; i < 8; i++) {
        const started = performance.now();
        const event = i % 2 === 0 ? 'attendance:check-in' : 'attendance:check-out';
        const answer = await ask<CommandReceipt>(
          victim.socket,
          event,
          { commandId: uuidv7(), meetingId, userId: victim.userId },
          20_000,
        );
        latencies.push(Math.round(performance.now() - started));
        expect(answer.ok).toBe(true);
      }
    } finally {
      attacking = false;
      await attack;
    }
    expect(Math.max(...latencies), `the delegate's check-ins took ${latencies.join(', ')} ms`).toBeLessThan(300);
  });
});
