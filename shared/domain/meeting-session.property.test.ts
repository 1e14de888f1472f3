import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MeetingSessionSchema, NOT_STARTED_SESSION, type MeetingSession } from '../protocol/index.js';
import {
  dropItems,
  itemElapsedSeconds,
  moveToItem,
  pauseSession,
  resumeSession,
  startSession,
} from './meeting-session.js';

/**
 * The session's clocks under any sequence the server lets through (start once, pause only
 * while running, resume only while paused, move once started, items removed at any time):
 * no item's time is ever negative or fractional, no item counts more than the time it was
 * current while the session ran, it loses at most a second per interval (the floor), and the
 * items' times together never exceed the wall time the session ran. And if the server's
 * clock steps back (NTP), nothing goes negative either.
 */
const ITEMS = Array.from({ length: 4 }, (_, n) => `00000000-0000-7000-8000-${String(n + 1).padStart(12, '0')}`);

type Op =
  | { kind: 'start'; item: number }
  | { kind: 'pause' | 'resume' }
  | { kind: 'move'; item: number }
  | { kind: 'drop'; item: number };

const step = fc.record({
  ms: fc.integer({ min: 0, max: 120_000 }),
  op: fc.oneof(
    fc.record({ kind: fc.constant('start' as const), item: fc.nat(ITEMS.length) }),
    fc.record({ kind: fc.constantFrom('pause' as const, 'resume' as const) }),
    fc.record({ kind: fc.constant('move' as const), item: fc.nat(ITEMS.length - 1) }),
    fc.record({ kind: fc.constant('drop' as const), item: fc.nat(ITEMS.length - 1) }),
  ),
});

/** Applies an op as the server would, or returns the session unchanged where the server refuses. */
function apply(s: MeetingSession, op: Op, now: Date): MeetingSession {
  switch (op.kind) {
    case 'start':
      return s.stage === 'not-started' ? startSession(s, ITEMS[op.item] ?? null, now) : s;
    case 'pause':
      return s.stage === 'running' ? pauseSession(s, now) : s;
    case 'resume':
      return s.stage === 'paused' ? resumeSession(s, now) : s;
    case 'move': {
      const id = ITEMS[op.item] as string;
      return s.stage === 'not-started' || s.currentItemId === id ? s : moveToItem(s, id, now);
    }
    case 'drop':
      return dropItems(s, [ITEMS[op.item] as string], now);
  }
}

function checkShape(s: MeetingSession, now: Date): void {
  expect(MeetingSessionSchema.safeParse(s).success).toBe(true);
  for (const id of ITEMS) {
    const t = itemElapsedSeconds(s, id, now);
    expect(Number.isInteger(t) && t >= 0).toBe(true);
  }
}

describe('the session clock under any sequence', () => {
  it('counts each item at most its exact current-and-running time, at least that minus one second per interval, and all together at most the running wall time', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.integer({ min: 0, max: 120_000 }), (steps, tail) => {
        let s = NOT_STARTED_SESSION;
        let t = Date.parse('2026-11-30T08:00:00.000Z');
        // The model: exact ms each item was current while running, and its intervals; the running wall time.
        const exact = new Map<string, number>();
        const intervals = new Map<string, number>();
        let running = 0;
        const advance = (ms: number) => {
          if (s.stage === 'running') {
            running += ms;
            if (s.currentItemId !== null) exact.set(s.currentItemId, (exact.get(s.currentItemId) ?? 0) + ms);
          }
          t += ms;
        };
        for (const { ms, op } of steps) {
          advance(ms);
          const before = s;
          s = apply(s, op, new Date(t));
          if (op.kind === 'drop') {
            const id = ITEMS[op.item] as string;
            exact.delete(id);
            intervals.delete(id);
          }
          // Every running stretch of an item ends at a pause, a move, a drop: one floor each.
          if (before.currentItemId !== null && before.itemSince !== null && s.itemSince !== before.itemSince)
            intervals.set(before.currentItemId, (intervals.get(before.currentItemId) ?? 0) + 1);
          checkShape(s, new Date(t));
        }
        advance(tail);
        const now = new Date(t);
        checkShape(s, now);
        if (s.currentItemId !== null && s.itemSince !== null)
          intervals.set(s.currentItemId, (intervals.get(s.currentItemId) ?? 0) + 1);
        let sum = 0;
        for (const id of ITEMS) {
          const counted = itemElapsedSeconds(s, id, now);
          sum += counted;
          const exactSeconds = (exact.get(id) ?? 0) / 1000;
          expect(counted).toBeLessThanOrEqual(exactSeconds);
          expect(counted).toBeGreaterThan(exactSeconds - (intervals.get(id) ?? 0) - 1e-9);
        }
        expect(sum).toBeLessThanOrEqual(running / 1000);
        // Nothing is counted while not running, nor before the start.
        if (s.stage !== 'running') expect(s.itemSince).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('never goes negative when the server’s clock steps back between commands', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ ms: fc.integer({ min: -600_000, max: 600_000 }), op: step.map((x) => x.op) }), {
          maxLength: 40,
        }),
        (steps) => {
          let s = NOT_STARTED_SESSION;
          let t = Date.parse('2026-11-30T08:00:00.000Z');
          for (const { ms, op } of steps) {
            t += ms;
            s = apply(s, op, new Date(t));
            checkShape(s, new Date(t));
            checkShape(s, new Date(t - 3_600_000));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
