import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '../protocol/index.js';
import { numberAgenda } from './agenda-numbering.js';
import { AgendaRuleError, addAgendaItem, applyAgendaEdit, moveAgendaItem, removeAgendaItem } from './agenda-tree.js';

const M = '00000000-0000-7000-8000-000000000000';
const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const item = (n: number, parent: number | null = null) => ({
  id: id(n),
  meetingId: M,
  parentId: parent === null ? null : id(parent),
  title: `T${n}`,
  presenter: '',
  plannedMinutes: n,
  version: 0,
});

function build(spec: Array<[number, number | null]>): AgendaItem[] {
  let items: AgendaItem[] = [];
  for (const [n, parent] of spec) items = applyAgendaEdit(items, addAgendaItem(items, item(n, parent)));
  return items;
}
const numbers = (items: AgendaItem[]) => numberAgenda(items).map((i) => `${i.number}:${i.title}`);

describe('agenda tree edits', () => {
  it('numbers items and sub-items depth first', () => {
    const items = build([
      [1, null],
      [2, null],
      [3, 1],
      [4, 1],
      [5, null],
    ]);
    expect(numbers(items)).toEqual(['1:T1', '1.1:T3', '1.2:T4', '2:T2', '3:T5']);
  });

  it('inserts at an index and shifts only the siblings after it', () => {
    const items = build([
      [1, null],
      [2, null],
      [3, null],
    ]);
    const edit = addAgendaItem(items, item(9), 1);
    expect(edit.upserted.map((i) => i.title).sort()).toEqual(['T2', 'T3', 'T9']);
    expect(numbers(applyAgendaEdit(items, edit))).toEqual(['1:T1', '2:T9', '3:T2', '4:T3']);
  });

  it('moves an item up, down, into and out of a parent', () => {
    let items = build([
      [1, null],
      [2, null],
      [3, null],
    ]);
    items = applyAgendaEdit(items, moveAgendaItem(items, id(3), null, 0));
    expect(numbers(items)).toEqual(['1:T3', '2:T1', '3:T2']);
    items = applyAgendaEdit(items, moveAgendaItem(items, id(2), id(1), 0));
    expect(numbers(items)).toEqual(['1:T3', '2:T1', '2.1:T2']);
    items = applyAgendaEdit(items, moveAgendaItem(items, id(2), null, 99));
    expect(numbers(items)).toEqual(['1:T3', '2:T1', '3:T2']);
  });

  it('removes an item with its sub-items and closes the gap', () => {
    const items = build([
      [1, null],
      [2, null],
      [3, 2],
      [4, 2],
      [5, null],
    ]);
    const edit = removeAgendaItem(items, id(2));
    expect(edit.removed.sort()).toEqual([id(2), id(3), id(4)].sort());
    expect(numbers(applyAgendaEdit(items, edit))).toEqual(['1:T1', '2:T5']);
  });

  it('refuses a third level, a cycle, a missing parent and a taken id', () => {
    const items = build([
      [1, null],
      [2, 1],
    ]);
    const rule = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof AgendaRuleError ? e.rule : 'other';
      }
      return 'none';
    };
    expect(rule(() => addAgendaItem(items, item(3, 2)))).toBe('too-deep');
    expect(rule(() => moveAgendaItem(items, id(1), id(2), 0))).toBe('cycle');
    expect(rule(() => addAgendaItem(items, item(4, 77)))).toBe('parent-missing');
    expect(rule(() => addAgendaItem(items, item(1)))).toBe('id-taken');
    const withSecond = build([
      [1, null],
      [2, 1],
      [5, null],
    ]);
    // An item with children cannot go under another item: that would make three levels.
    expect(rule(() => moveAgendaItem(withSecond, id(1), id(5), 0))).toBe('too-deep');
  });

  it('shows an orphaned sub-item at the top level instead of hiding it', () => {
    const orphan: AgendaItem = { ...item(7, 99), position: 0 };
    expect(numbers([orphan])).toEqual(['1:T7']);
  });
});
