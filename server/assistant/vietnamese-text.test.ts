import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25.js';
import {
  canonicalToneMarks,
  exactKey,
  fold,
  hasDiacritics,
  indexTokens,
  passagesOfPage,
  queryTerms,
  segmentWords,
  STOP_WORDS,
} from './vietnamese-text.js';

/** The older tone-mark style, written with escapes (the tone-mark lint keeps it out of sources). */
const OLD = { toa: 'to\u1EA1', uy: 'U\u1EF7', thuy: 'thu\u1EF7', hoa: 'ho\u00E0' };

const words = (text: string) => segmentWords(text).map((w) => w.text);

/** The passages that a query finds, as their texts, best first. */
function find(pageText: string, query: string): string[] {
  const index = new Bm25Index(passagesOfPage('doc', 1, pageText));
  return index.search(queryTerms(query).keys).map((h) => h.document.text);
}

describe('word segmentation with vntk', () => {
  it('joins the words of real council sentences', () => {
    expect(words('Hội đồng nhân dân thành phố Hà Nội thông qua nghị quyết về dự toán ngân sách năm 2027.')).toEqual([
      'Hội đồng',
      'nhân dân',
      'thành phố',
      'Hà Nội',
      'thông qua',
      'nghị quyết',
      'về',
      'dự toán',
      'ngân sách',
      'năm',
      '2027',
      '.',
    ]);
    expect(words('Các đại biểu thảo luận tại tổ và biểu quyết bằng hệ thống điện tử.')).toEqual(
      expect.arrayContaining(['đại biểu', 'thảo luận', 'biểu quyết', 'hệ thống', 'điện tử']),
    );
  });

  it('keeps numbers, dates and a resolution number as vntk tokens', () => {
    const found = words('Nghị quyết số 12/NQ-HĐND ngày 31/12/2026 phân bổ 1.234,5 tỷ đồng.');
    expect(found).toEqual(expect.arrayContaining(['Nghị quyết', '31/12/2026', '1.234,5', 'NQ', 'HĐND']));
  });

  it('joins modern-style words that vntk knows only in the older style', () => {
    // vntk's dictionary has the older spelling: fed as written, "Ủy ban" and "Chủ tọa" fall apart.
    expect(words('Ủy ban nhân dân tỉnh báo cáo về thủy lợi.')).toEqual(
      expect.arrayContaining(['Ủy ban', 'nhân dân', 'thủy lợi']),
    );
    expect(words('Chủ tọa kỳ họp phát biểu.')[0]).toBe('Chủ tọa');
  });

  it('gives offsets into the text as written, whatever its whitespace and tone style', () => {
    const text = 'Thường trực  Hội đồng\nnhân dân, Chủ tọa kỳ họp';
    for (const w of segmentWords(text)) expect(text.slice(w.start, w.end)).toBe(w.text);
    const hoiDong = segmentWords(text).find((w) => w.text.startsWith('Hội'));
    expect(hoiDong?.syllables.map((s) => s.text)).toEqual(['Hội', 'đồng']);
  });

  it('needs NFC: decomposed text segments as composed text does once normalised', () => {
    const text = 'Hội đồng nhân dân thông qua nghị quyết';
    expect(words(text.normalize('NFD').normalize('NFC'))).toEqual(words(text));
    expect(passagesOfPage('d', 1, text.normalize('NFD'))[0]?.text).toBe(text);
  });

  it('answers nothing for empty or blank text', () => {
    expect(segmentWords('')).toEqual([]);
    expect(segmentWords('  \n ')).toEqual([]);
  });
});

describe('folding and the two tone-mark styles', () => {
  it('folds marks, case and đ', () => {
    expect(fold('Biểu quyết')).toBe('bieu quyet');
    expect(fold('Đại hội')).toBe('dai hoi');
    expect(fold('Đại hội'.normalize('NFD'))).toBe('dai hoi');
  });

  it('tells a query with marks from one without', () => {
    expect(hasDiacritics('dai hoi')).toBe(false);
    expect(hasDiacritics('Đai hoi')).toBe(true);
    expect(hasDiacritics('bàn')).toBe(true);
    expect(hasDiacritics('HĐND')).toBe(true);
    expect(hasDiacritics('NQ 12/2026')).toBe(false);
  });

  it('puts the tone mark in one place, letter for letter', () => {
    expect(canonicalToneMarks('Chủ tọa, Ủy ban, thủy lợi, hòa giải')).toBe(
      `Chủ ${OLD.toa}, ${OLD.uy} ban, ${OLD.thuy} lợi, ${OLD.hoa} giải`,
    );
    // Closed syllables and qu- are the same in both styles.
    expect(canonicalToneMarks('hoàn toàn, quý, Quỳnh, khuyến')).toBe('hoàn toàn, quý, Quỳnh, khuyến');
    expect(exactKey(`Chủ ${OLD.toa}`)).toBe(exactKey('chủ tọa'));
  });
});

describe('index tokens', () => {
  it('keeps the exact and the folded form of each syllable and of each joined word', () => {
    const keys = indexTokens('Hội đồng biểu quyết').map((t) => t.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'e:hội',
        'f:hoi',
        'e:đồng',
        'f:dong',
        'e:hội_đồng',
        'f:hoi_dong',
        'e:biểu_quyết',
        'f:bieu_quyet',
      ]),
    );
  });

  it('drops stop words as lone syllables but keeps words made with them', () => {
    const keys = indexTokens('Hội đồng cho phép các đại biểu của tỉnh').map((t) => t.key);
    expect(STOP_WORDS.has('của')).toBe(true);
    expect(keys).not.toContain('e:của');
    expect(keys).not.toContain('e:các');
    expect(keys).toContain('e:cho_phép');
  });

  it('spans the letters of the word as written', () => {
    const text = 'Đại hội đồng';
    for (const t of indexTokens(text))
      expect(fold(text.slice(t.start, t.end)).replace(/ /g, '_')).toBe(fold(t.key.slice(2)));
  });
});

describe('matching with and without diacritics', () => {
  const page =
    'Các đại biểu biểu quyết thông qua nghị quyết. Đại hội đại biểu toàn quốc khai mạc sáng nay. ' +
    'Bàn ghế phòng họp đã cũ. Kho bạc bán tài sản thanh lý. Mời bạn phát biểu ý kiến.';

  it('finds "biểu quyết" from "bieu quyet", and "Đại hội" from "dai hoi" and from "Đại hội"', () => {
    expect(find(page, 'bieu quyet')[0]).toContain('biểu quyết');
    expect(find(page, 'dai hoi')[0]).toContain('Đại hội');
    expect(find(page, 'Đại hội')[0]).toContain('Đại hội');
    expect(find(page, 'đại hội')[0]).toContain('Đại hội');
  });

  it('keeps "bàn", "bán" and "bạn" apart when the query has its marks', () => {
    expect(find(page, 'bàn')).toEqual(['Bàn ghế phòng họp đã cũ.']);
    expect(find(page, 'bán')).toEqual(['Kho bạc bán tài sản thanh lý.']);
    expect(find(page, 'bạn')).toEqual(['Mời bạn phát biểu ý kiến.']);
  });

  it('finds all three from "ban" typed without marks', () => {
    expect(new Set(find(page, 'ban'))).toEqual(
      new Set(['Bàn ghế phòng họp đã cũ.', 'Kho bạc bán tài sản thanh lý.', 'Mời bạn phát biểu ý kiến.']),
    );
  });

  it('finds the older tone style from the modern one and back', () => {
    const old = `Chủ ${OLD.toa} kỳ họp điều hành phiên thảo luận.`;
    expect(find(`${old} Thư ký ghi biên bản.`, 'chủ tọa')).toEqual([old]);
    expect(find('Ủy ban nhân dân tỉnh trình tờ trình. Thư ký ghi biên bản.', `${OLD.uy} ban`)[0]).toContain('Ủy ban');
  });

  it('finds a word from one of its syllables, and a joined word from its unmarked syllables', () => {
    expect(find('Hội đồng nhân dân họp thường kỳ.', 'đồng')).toHaveLength(1);
    expect(queryTerms('hoi dong').keys).toEqual(expect.arrayContaining(['f:hoi', 'f:dong', 'f:hoi_dong']));
    expect(queryTerms('Hội đồng').keys).toEqual(expect.arrayContaining(['e:hội', 'e:đồng', 'e:hội_đồng']));
    expect(queryTerms('Hội đồng').mode).toBe('exact');
  });

  it('looks for nothing in a question of stop words alone', () => {
    expect(queryTerms('của các và').keys.filter((k) => !k.includes('_'))).toEqual([]);
    expect(find(page, 'của')).toEqual([]);
  });

  it('finds a resolution by its number and an amount as written', () => {
    const text =
      'Nghị quyết số 12/NQ-HĐND ngày 31/12/2026 có hiệu lực. Tổng vốn là 1.234,5 tỷ đồng. Thư ký đọc biên bản.';
    expect(find(text, '12/NQ-HĐND')[0]).toContain('12/NQ-HĐND');
    expect(find(text, '1.234,5')[0]).toContain('1.234,5 tỷ đồng');
    expect(find(text, '31/12/2026')[0]).toContain('31/12/2026');
  });
});
