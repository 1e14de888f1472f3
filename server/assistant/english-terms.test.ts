import { describe, expect, it } from 'vitest';
import { englishQuery } from './english-terms.js';
import { queryTerms } from './vietnamese-text.js';

describe('English questions over Vietnamese papers', () => {
  it('looks an English question up as the Vietnamese words of its glossary, inflections included', () => {
    const q = englishQuery('Who chairs the council session?');
    expect(q?.vietnamese).toEqual(expect.arrayContaining(['chủ tọa', 'hội đồng', 'kỳ họp']));
    expect(q?.unknown).toEqual([]);
    expect(englishQuery('By when must delegates receive their tablet computers?')?.vietnamese).toEqual(
      expect.arrayContaining(['trước ngày', 'đại biểu', 'nhận', 'máy tính bảng', 'máy tính']),
    );
  });

  it('prefers the longest phrase ("state budget" before "budget")', () => {
    expect(englishQuery('state budget revenue')?.vietnamese).toEqual(
      expect.arrayContaining(['ngân sách nhà nước', 'thu']),
    );
    expect(englishQuery('state budget revenue')?.vietnamese).not.toContain('ngân sách');
  });

  it('leaves Vietnamese typed without marks alone, and text with marks', () => {
    for (const vi of [
      'du toan chi thuong xuyen nam 2027',
      'no thue den 31/10/2026 la bao nhieu',
      'thoi gian moi cau hoi chat van toi da',
      'han dang ky phat bieu va dang ky chat van',
      'hoi dong',
      'to an the',
      'von du phong chung cua ke hoach trung han la bao nhieu',
      'Dự toán thu ngân sách năm 2027 là bao nhiêu?',
      'budget ngân sách',
    ])
      expect(englishQuery(vi), vi).toBeNull();
  });

  it('needs mostly English words and at least one the glossary knows', () => {
    expect(englishQuery('What is it?')).toBeNull();
    expect(englishQuery('budget thu chi von dau tu')).toBeNull();
    expect(englishQuery('What is the ODA budget?')?.unknown).toEqual(['oda']);
  });

  it('asks the index for the exact Vietnamese keys, the numbers and the unknown words folded', () => {
    const { mode, keys } = queryTerms('What is the ODA budget deficit in 2027?');
    expect(mode).toBe('exact');
    expect(keys).toEqual(expect.arrayContaining(['e:ngân', 'e:ngân_sách', 'e:bội_chi', 'f:2027', 'f:oda']));
    expect(keys).not.toContain('f:budget');
  });
});
