import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '../protocol/index.js';
import { numberAgenda } from './agenda-numbering.js';
import {
  AgendaRuleError,
  MAX_AGENDA_DEPTH,
  addAgendaItem,
  applyAgendaEdit,
  moveAgendaItem,
  removeAgendaItem,
  type AgendaEdit,
} from './agenda-tree.js';

const MEETING = '00000000-0000-7000-8000-000000000000';
const idOf = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

type Op =
  | { kind: 'add'; parent: number; index: number }
  | { kind: 'move'; item: number; parent: number; index: number }
  | { kind: 'remove'; item: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), parent: fc.nat(12), index: fc.nat(12) }),
  fc.record({ kind: fc.constant('move' as const), item: fc.nat(12), parent: fc.nat(12), index: fc.nat(12) }),
  fc.record({ kind: fc.constant('remove' as const), item: fc.nat(12) }),
);

/** Picks an existing item by a number, or null (top level) when the number is past the end. */
const pick = (items: AgendaItem[], n: number) => items[n]?.id ?? null;

function wellFormed(items: AgendaItem[]): void {
  const ids = new Set(items.map((i) => i.id));
  const byParent = new Map<string | null, number[]>();
  for (const item of items) {
    if (item.parentId !== null) expect(ids.has(item.parentId)).toBe(true);
    byParent.set(item.parentId, [...(byParent.get(item.parentId) ?? []), item.position]);
  }
  // Positions among siblings are exactly 0..n-1: no gap, no duplicate.
  for (const positions of byParent.values()) {
    expect([...positions].sort((a, b) => a - b)).toEqual(positions.map((_, i) => i));
  }
  const numbered = numberAgenda(items);
  expect(numbered).toHaveLength(items.length);
  expect(new Set(numbered.map((i) => i.number)).size).toBe(items.length);
  expect(Math.max(0, ...numbered.map((i) => i.depth + 1))).toBeLessThanOrEqual(MAX_AGENDA_DEPTH);
}

describe('agenda edits, any sequence', () => {
  it('keep the tree well formed, and a refused edit changes nothing', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let items: AgendaItem[] = [];
        let next = 1;
        for (const o of ops) {
          let edit: AgendaEdit;
          try {
            if (o.kind === 'add') {
              const id = idOf(next++);
              edit = addAgendaItem(
                items,
                {
                  id,
                  meetingId: MEETING,
                  parentId: pick(items, o.parent),
                  title: id,
                  presenter: '',
                  plannedMinutes: 1,
                  version: 0,
                },
                o.index,
              );
            } else if (o.kind === 'move') {
              const item = pick(items, o.item);
              if (item === null) continue;
              edit = moveAgendaItem(items, item, pick(items, o.parent), o.index);
            } else {
              const item = pick(items, o.item);
              if (item === null) continue;
              edit = removeAgendaItem(items, item);
            }
          } catch (error) {
            expect(error).toBeInstanceOf(AgendaRuleError);
            continue;
          }
          items = applyAgendaEdit(items, edit);
          wellFormed(items);
          // Applying the same change twice (a replayed broadcast) is harmless.
          expect(applyAgendaEdit(items, edit)).toEqual(items);
        }
      }),
      { numRuns: 300 },
    );
  });
});
