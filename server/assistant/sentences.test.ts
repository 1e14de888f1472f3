import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_CHARS, splitSentences } from './sentences.js';

const split = (text: string) => splitSentences(text).map(({ start, end }) => text.slice(start, end));

describe('sentence splitting', () => {
  it('splits at full stops, question and exclamation marks followed by a capital', () => {
    expect(split('Kỳ họp khai mạc. Đại biểu thảo luận! Có ai phản đối không? Không.')).toEqual([
      'Kỳ họp khai mạc.',
      'Đại biểu thảo luận!',
      'Có ai phản đối không?',
      'Không.',
    ]);
  });

  it('keeps amounts, dates and resolution numbers whole', () => {
    const text =
      'Tổng thu ngân sách là 1.234,5 tỷ đồng. Nghị quyết số 12/NQ-HĐND ngày 31/12/2026 có hiệu lực. Tỷ lệ đạt 98,5%.';
    expect(split(text)).toEqual([
      'Tổng thu ngân sách là 1.234,5 tỷ đồng.',
      'Nghị quyết số 12/NQ-HĐND ngày 31/12/2026 có hiệu lực.',
      'Tỷ lệ đạt 98,5%.',
    ]);
  });

  it('does not end a sentence at an abbreviation or an initial', () => {
    expect(split('Đoàn công tác đến TP. Hồ Chí Minh ngày 5/6. Ông Nguyễn V. An và ThS. Lê Bình báo cáo.')).toEqual([
      'Đoàn công tác đến TP. Hồ Chí Minh ngày 5/6.',
      'Ông Nguyễn V. An và ThS. Lê Bình báo cáo.',
    ]);
  });

  it('ends a sentence at an upper-case word such as HĐND', () => {
    expect(split('Tờ trình của UBND. Các đại biểu thảo luận.')).toEqual([
      'Tờ trình của UBND.',
      'Các đại biểu thảo luận.',
    ]);
  });

  it('keeps a numbered heading with its text', () => {
    expect(split('Điều 1. Thông qua dự toán năm 2027. Chương II. Tổ chức thực hiện. 2. Giao Ủy ban nhân dân.')).toEqual(
      ['Điều 1. Thông qua dự toán năm 2027.', 'Chương II. Tổ chức thực hiện.', '2. Giao Ủy ban nhân dân.'],
    );
  });

  it('keeps closing quotes and brackets with their sentence, and "v.v." inside one', () => {
    expect(split('Ông nói: "Tôi đồng ý." Bà hỏi (lần hai.) Sau đó, v.v. và các việc khác.')).toEqual([
      'Ông nói: "Tôi đồng ý."',
      'Bà hỏi (lần hai.)',
      'Sau đó, v.v. và các việc khác.',
    ]);
  });

  it('does not split a sentence that goes on in lower case', () => {
    expect(split('Giá trị là 5. triệu đồng mỗi năm.')).toEqual(['Giá trị là 5. triệu đồng mỗi năm.']);
  });

  it('ends a heading at its line, so that it opens no sentence; a wrapped capital word stays', () => {
    expect(split('II. NHIỆM VỤ NĂM 2027\nTăng thu ngân sách nhà nước năm sau. Hai việc.')).toEqual([
      'II. NHIỆM VỤ NĂM 2027',
      'Tăng thu ngân sách nhà nước năm sau.',
      'Hai việc.',
    ]);
    expect(split('BÁO CÁO THẨM TRA\nCỦA BAN KINH TẾ - NGÂN SÁCH\nBan đã xem xét tờ trình.')).toEqual([
      'BÁO CÁO THẨM TRA',
      'CỦA BAN KINH TẾ - NGÂN SÁCH',
      'Ban đã xem xét tờ trình.',
    ]);
    expect(split('Báo cáo của\nUBND thành phố được gửi.')).toEqual(['Báo cáo của\nUBND thành phố được gửi.']);
  });

  it('splits at blank lines and list items, not at a wrapped line', () => {
    const text = 'Nội dung kỳ họp gồm\nhai phần chính:\n- Báo cáo kinh tế\n- Dự toán ngân sách\n\nPhần thảo luận';
    expect(split(text)).toEqual([
      'Nội dung kỳ họp gồm\nhai phần chính:',
      '- Báo cáo kinh tế',
      '- Dự toán ngân sách',
      'Phần thảo luận',
    ]);
  });

  it('gives spans into the text and drops pieces without a word', () => {
    const text = '  Kỳ họp bế mạc.  \n\n  ---  \n\n … ';
    const spans = splitSentences(text);
    expect(spans.map(({ start, end }) => text.slice(start, end))).toEqual(['Kỳ họp bế mạc.']);
    expect(spans[0]?.start).toBe(2);
  });

  it('cuts a stretch without full stops at a space', () => {
    const cell = 'Xã Tân Lập 1.200 hộ ';
    const text = cell.repeat(100);
    const parts = split(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(parts.join(' ')).toBe(text.trim());
  });
});
