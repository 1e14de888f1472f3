import { describe, expect, it } from 'vitest';
import { Bm25Index, Bm25Part, searchParts } from './bm25.js';
import { passagesOfPage, queryTerms } from './vietnamese-text.js';

/** A passage of plain keys, each token one character wide at its position. */
function doc(name: string, keys: string) {
  const list = keys.split(' ').filter(Boolean);
  return { name, tokens: list.map((key, i) => ({ key, start: i * 2, end: i * 2 + 1 })) };
}

describe('BM25', () => {
  it('ranks the passage with the rare query word first', () => {
    const index = new Bm25Index([
      doc('common', 'x y z ngân_sách'),
      doc('rare', 'x y z quyết_toán'),
      doc('other', 'x y ngân_sách w'),
      doc('more', 'ngân_sách x z w'),
    ]);
    const hits = index.search(['ngân_sách', 'quyết_toán']);
    expect(hits[0]?.document.name).toBe('rare');
    expect(hits).toHaveLength(4);
    expect(index.idf('quyết_toán')).toBeGreaterThan(index.idf('ngân_sách'));
  });

  it('discounts a long passage against a short one with the same matches', () => {
    const index = new Bm25Index([
      doc('long', 'a b c d e f g h i j k l m n o p q r s t đề_án'),
      doc('short', 'a đề_án'),
      doc('none', 'a b c'),
    ]);
    const [first, second] = index.search(['đề_án']);
    expect(first?.document.name).toBe('short');
    expect(second?.document.name).toBe('long');
    expect(first!.score).toBeGreaterThan(second!.score);
  });

  it('lets repeats add less and less (k1), and b = 0 ignore length', () => {
    const index = new Bm25Index([doc('one', 'a x'), doc('two', 'a a x'), doc('four', 'a a a a'), doc('none', 'y')]);
    const score = (name: string) => index.search(['a']).find((h) => h.document.name === name)?.score ?? 0;
    expect(score('two') - score('one')).toBeGreaterThan(0);
    const flat = new Bm25Index([doc('short', 'a'), doc('long', 'a b c d e f'), doc('none', 'y')], { b: 0 });
    const [x, y] = flat.search(['a']);
    expect(x?.score).toBeCloseTo(y?.score ?? 0, 10);
  });

  it('answers at most the limit, only passages holding a key, and nothing for unknown keys', () => {
    const index = new Bm25Index([doc('1', 'a'), doc('2', 'a b'), doc('3', 'b'), doc('4', 'c')]);
    expect(index.search(['a', 'b'], 2)).toHaveLength(2);
    expect(index.search(['a']).map((h) => h.document.name)).toEqual(['1', '2']);
    expect(index.search(['zzz'])).toEqual([]);
    expect(index.search([])).toEqual([]);
    expect(new Bm25Index([]).search(['a'])).toEqual([]);
  });

  it('reports the matched keys and merged spans to highlight', () => {
    const index = new Bm25Index([
      {
        tokens: [
          { key: 'hội', start: 0, end: 3 },
          { key: 'đồng', start: 4, end: 8 },
          { key: 'hội_đồng', start: 0, end: 8 },
          { key: 'họp', start: 9, end: 12 },
          { key: 'hội', start: 20, end: 23 },
        ],
      },
      { tokens: [{ key: 'khác', start: 0, end: 4 }] },
    ]);
    const [hit] = index.search(['hội', 'hội_đồng']);
    expect(new Set(hit?.matchedKeys)).toEqual(new Set(['hội', 'hội_đồng']));
    expect(hit?.spans).toEqual([
      { start: 0, end: 8 },
      { start: 20, end: 23 },
    ]);
  });

  it('finds the right council passage and highlights its words as written', () => {
    const page = [
      'Hội đồng nhân dân tỉnh khai mạc kỳ họp thứ mười.',
      'Chủ tọa đề nghị các đại biểu thảo luận về dự toán ngân sách.',
      'Đại biểu biểu quyết thông qua Nghị quyết số 12/NQ-HĐND về đầu tư công với 1.234,5 tỷ đồng.',
      'Thư ký kỳ họp đọc dự thảo nghị quyết về ngân sách và đầu tư.',
    ].join(' ');
    const passages = passagesOfPage('doc-1', 3, page);
    expect(passages).toHaveLength(4);
    const index = new Bm25Index(passages);
    const [hit] = index.search(queryTerms('bieu quyet dau tu cong').keys, 3);
    expect(hit?.document.text).toContain('12/NQ-HĐND');
    expect(hit?.document.page).toBe(3);
    const shown = hit!.spans.map((s) => hit!.document.text.slice(s.start, s.end));
    // vntk makes "đầu tư" one word and "công" another.
    expect(shown).toEqual(expect.arrayContaining(['biểu quyết', 'đầu tư', 'công']));
    // The passage's place on the page.
    const p = hit!.document;
    expect(page.normalize('NFC').slice(p.start, p.end)).toBe(p.text);
  });
});

describe('BM25 over parts', () => {
  it("answers exactly as one index over all the parts' passages in order: scores, order, spans", () => {
    const passages = [
      'Hội đồng nhân dân thành phố thông qua dự toán thu ngân sách năm 2027.',
      'Sở Tài chính chủ trì, phối hợp rà soát dự toán và nguồn thu ngân sách.',
      'Ủy ban nhân dân báo cáo tiến độ giải ngân vốn đầu tư công.',
      'Dự toán chi thường xuyên năm 2027 là 22.918,3 tỷ đồng.',
      'Ngân sách dự phòng năm 2027.',
      'Các đại biểu biểu quyết thông qua nghị quyết.',
    ].flatMap((text, i) => passagesOfPage(`d${i % 3}`, 1 + (i % 2), text));
    const parts = [passages.slice(0, 2), passages.slice(2, 3), passages.slice(3)].map((p) => new Bm25Part(p));
    const whole = new Bm25Index(passages);
    for (const q of ['dự toán ngân sách năm 2027', 'du toan ngan sach', 'nhân dân thông qua', 'không có gì']) {
      const { keys } = queryTerms(q);
      expect(searchParts(parts, keys, 10)).toEqual(whole.search(keys, 10));
    }
    expect(searchParts([], ['e:x'])).toEqual([]);
  });
});
