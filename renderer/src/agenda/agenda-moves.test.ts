import { describe, expect, it } from 'vitest';
import { applyAgendaEdit, moveAgendaItem, numberAgenda } from '../../../shared/domain/index.js';
import { itemMoves, isSamePlace, projectDrop, type AgendaMove } from './agenda-moves.js';
import { testItem, testItemId } from './test-agenda.js';

const id = testItemId;
const item = testItem;

// 1 (item 1) · 1.1 (item 2) · 1.2 (item 3) · 2 (item 4) · 3 (item 5)
const agenda = [item(1, null, 0), item(2, 1, 0), item(3, 1, 1), item(4, null, 1), item(5, null, 2)];
const numbered = numberAgenda(agenda);

/** Applies a move the way the server does, and answers the resulting numbering by title. */
function numbersAfter(itemNo: number, move: AgendaMove): Record<string, string> {
  const edit = moveAgendaItem(agenda, id(itemNo), move.parentId, move.index);
  return Object.fromEntries(numberAgenda(applyAgendaEdit(agenda, edit)).map((i) => [i.title, i.number]));
}

describe('itemMoves', () => {
  it('moves a top-level item up and down among its siblings', () => {
    const moves = itemMoves(numbered, id(4));
    expect(numbersAfter(4, moves.up!)).toMatchObject({ 'item 4': '1', 'item 1': '2', 'item 2': '2.1' });
    expect(numbersAfter(4, moves.down!)).toMatchObject({ 'item 5': '2', 'item 4': '3' });
  });

  it('offers no move past either end', () => {
    expect(itemMoves(numbered, id(1)).up).toBeNull();
    expect(itemMoves(numbered, id(5)).down).toBeNull();
    expect(itemMoves(numbered, id(2)).up).toBeNull();
    expect(itemMoves(numbered, id(3)).down).toBeNull();
  });

  it('indents an item under the previous sibling, as its last sub-item', () => {
    expect(numbersAfter(4, itemMoves(numbered, id(4)).indent!)).toMatchObject({ 'item 4': '1.3', 'item 5': '2' });
  });

  it('does not indent past the maximum depth, nor an item with sub-items, nor the first item', () => {
    expect(itemMoves(numbered, id(3)).indent).toBeNull();
    expect(itemMoves(numbered, id(1)).indent).toBeNull();
    const withKids = numberAgenda([...agenda, item(6, 4, 0)]);
    expect(itemMoves(withKids, id(4)).indent).toBeNull();
  });

  it('outdents a sub-item to just after its parent', () => {
    expect(itemMoves(numbered, id(4)).outdent).toBeNull();
    expect(numbersAfter(2, itemMoves(numbered, id(2)).outdent!)).toMatchObject({
      'item 1': '1',
      'item 3': '1.1',
      'item 2': '2',
      'item 4': '3',
    });
  });
});

describe('projectDrop', () => {
  it('keeps the level when dragged straight down among top-level items', () => {
    expect(projectDrop(numbered, id(4), id(5), 0)).toEqual({ parentId: null, index: 2, depth: 0 });
  });

  it('nests a dragged item when it is pulled right under an item', () => {
    expect(projectDrop(numbered, id(5), id(4), 1)).toEqual({ parentId: id(1), index: 2, depth: 1 });
  });

  it('takes the level of the rows it is dropped between', () => {
    // Dropped between 1.1 and 1.2 without horizontal movement: it must become a sub-item.
    expect(projectDrop(numbered, id(5), id(3), 0)).toEqual({ parentId: id(1), index: 1, depth: 1 });
  });

  it('never nests an item that has sub-items', () => {
    const p = projectDrop(numbered, id(1), id(4), 3);
    expect(p).toEqual({ parentId: null, index: 1, depth: 0 });
  });

  it('recognises a drop on the same place', () => {
    const p = projectDrop(numbered, id(4), id(4), 0)!;
    expect(isSamePlace(numbered, id(4), p)).toBe(true);
    expect(isSamePlace(numbered, id(4), { parentId: null, index: 2 })).toBe(false);
  });
});
