import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '../../shared/protocol/index.js';
import { agendaInOrder, changesBetween } from './brief.js';
import { diffSentences } from './sentence-diff.js';
import { passagesOfPage } from './vietnamese-text.js';

const s = (page: number, text: string) => ({ page, text });

describe('what changed between two versions', () => {
  it('lists sentences added and removed, a line wrapped otherwise being the same sentence', () => {
    const before = [s(1, 'Một.'), s(1, 'Hai\nba.'), s(2, 'Bốn.'), s(2, 'Năm.')];
    const after = [s(1, 'Một.'), s(1, 'Hai ba.'), s(2, 'Bốn mới.'), s(2, 'Năm.'), s(3, 'Sáu.')];
    expect(diffSentences(before, after)).toEqual({ removed: [s(2, 'Bốn.')], added: [s(2, 'Bốn mới.'), s(3, 'Sáu.')] });
    expect(diffSentences(before, before)).toEqual({ removed: [], added: [] });
  });

  it('names the pages whose text changed, a page only one version has included, and caps the sentences', () => {
    const v1 = [...passagesOfPage('d', 1, 'Trang một không đổi.'), ...passagesOfPage('d', 2, 'Vốn là 100,0 tỷ đồng.')];
    const many = Array.from({ length: 30 }, (_, i) => `Câu mới số ${i + 1}.`).join(' ');
    const v2 = [
      ...passagesOfPage('d', 1, 'Trang một không đổi.'),
      ...passagesOfPage('d', 2, 'Vốn là 120,0 tỷ đồng.'),
      ...passagesOfPage('d', 3, many),
    ];
    const changes = changesBetween(1, v1, v2);
    expect(changes.changedPages).toEqual([2, 3]);
    expect(changes.removed).toEqual([s(2, 'Vốn là 100,0 tỷ đồng.')]);
    expect(changes.added).toHaveLength(20);
    expect(changes.added[0]).toEqual(s(2, 'Vốn là 120,0 tỷ đồng.'));
    expect(changes.truncated).toBe(true);
  });
});

describe('the agenda in order', () => {
  it('puts each item before its sub-items, by position, whatever order they come in', () => {
    const item = (id: string, parentId: string | null, position: number): AgendaItem => ({
      id,
      meetingId: 'm',
      parentId,
      position,
      title: id,
      presenter: '',
      plannedMinutes: 0,
      version: 1,
    });
    const items = [item('b', null, 2), item('a1', 'a', 1), item('a', null, 1), item('a0', 'a', 0), item('b1', 'b', 0)];
    expect(agendaInOrder(items).map((i) => i.id)).toEqual(['a', 'a0', 'a1', 'b', 'b1']);
  });
});
