import { describe, expect, it } from 'vitest';
import { compareVietnameseNames, sortPeople } from './sort-people.js';

const person = (displayName: string, username = displayName) => ({ displayName, username });

describe('sortPeople', () => {
  it('files people by given name, in Vietnamese order (Đ after D, not after V)', () => {
    const names = ['Vũ Văn Vinh', 'Đỗ Thị Đào', 'Đặng Văn An', 'Trần Văn Dũng', 'Lê Thị Ánh', 'Nguyễn Thị Thu'];
    expect(sortPeople(names.map((n) => person(n))).map((p) => p.displayName)).toEqual([
      'Đặng Văn An',
      'Lê Thị Ánh',
      'Trần Văn Dũng',
      'Đỗ Thị Đào',
      'Nguyễn Thị Thu',
      'Vũ Văn Vinh',
    ]);
  });

  it('orders the same given name by family and middle name, then by user name', () => {
    expect(compareVietnameseNames('Đỗ Văn Nam', 'Vũ Văn Nam')).toBeLessThan(0);
    expect(compareVietnameseNames('Dương Nam', 'Đàm Nam')).toBeLessThan(0);
    const twins = sortPeople([person('Lê Nam', 'lenam2'), person('Lê Nam', 'lenam1')]);
    expect(twins.map((p) => p.username)).toEqual(['lenam1', 'lenam2']);
  });

  it('files a name followed by a note in brackets under the name, not the note', () => {
    const names = ['Trần Văn Minh (Chủ tọa)', 'Nguyễn Thị Thu (Thư ký)', 'Lê Văn Nam'];
    expect([...names].sort(compareVietnameseNames)).toEqual([
      'Trần Văn Minh (Chủ tọa)',
      'Lê Văn Nam',
      'Nguyễn Thị Thu (Thư ký)',
    ]);
  });

  it('leaves the list it was given as it was', () => {
    const list = [person('Vũ B'), person('Lê A')];
    sortPeople(list);
    expect(list.map((p) => p.displayName)).toEqual(['Vũ B', 'Lê A']);
  });
});
