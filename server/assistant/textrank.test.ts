import { describe, expect, it } from 'vitest';
import { sentenceSimilarity, textRank, topSentences } from './textrank.js';
import { passagesOfPage } from './vietnamese-text.js';
import { boilerplateLines, summarize } from './brief.js';

const words = (s: string) => new Set(s.split(' '));

describe('TextRank over sentences', () => {
  it('weighs shared words by the logs of the lengths, as Mihalcea and Tarau', () => {
    expect(sentenceSimilarity(words('a b c d'), words('c d e f'))).toBeCloseTo(2 / (2 * Math.log(4)));
    expect(sentenceSimilarity(words('a'), words('a'))).toBe(0);
    expect(sentenceSimilarity(new Set(), words('a b'))).toBe(0);
  });

  it('ranks a central sentence above an off-topic one, the same every time', () => {
    const sentences = [
      'dự toán thu ngân sách năm 2027 tăng',
      'thu ngân sách nhà nước năm 2026 vượt dự toán',
      'dự toán chi ngân sách nhà nước năm 2027',
      'ngân sách địa phương thu vượt dự toán năm 2026',
      'đội bóng đá thiếu niên giành cúp vô địch',
    ].map(words);
    const scores = textRank(sentences);
    expect(textRank(sentences)).toEqual(scores);
    const offTopic = scores[4]!;
    for (const s of scores.slice(0, 4)) expect(s).toBeGreaterThan(offTopic);
    expect(topSentences(sentences, 2)).not.toContain(4);
    // Chosen sentences come back in the text's order.
    const top = topSentences(sentences, 3);
    expect(top).toEqual([...top].sort((a, b) => a - b));
  });

  it("sums up a Vietnamese page without its motto, headings or signature, on the segmenter's words", () => {
    const page = [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      '',
      'Tổng thu ngân sách nhà nước trên địa bàn năm 2026 ước thực hiện 45.312,8 tỷ đồng, đạt 106,6% dự toán.',
      'Thu nội địa ngân sách nhà nước năm 2026 ước đạt 39.105,6 tỷ đồng, bằng 106,3% dự toán thu.',
      'Dự toán thu ngân sách nhà nước năm 2027 là 48.600,0 tỷ đồng, tăng so với ước thực hiện năm 2026.',
      'Đội bóng đá thiếu niên của phường giành cúp vô địch giải mùa hè sau loạt sút luân lưu.',
      'Chi ngân sách địa phương năm 2026 ước thực hiện vượt dự toán do bổ sung tiền lương.',
      '',
      'TM. ỦY BAN NHÂN DÂN — CHỦ TỊCH',
    ].join('\n');
    const other =
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nKế hoạch tổ chức kỳ họp cuối năm của Hội đồng nhân dân thành phố.';
    const a = passagesOfPage('a', 1, page);
    const b = passagesOfPage('b', 1, other);
    const boilerplate = boilerplateLines([a, b]);
    expect(boilerplate.has('cộng hòa xã hội chủ nghĩa việt nam')).toBe(true);
    const summary = summarize(a, boilerplate);
    expect(summarize(a, boilerplate)).toEqual(summary);
    expect(summary).toHaveLength(3);
    for (const s of summary) {
      expect(s.page).toBe(1);
      expect(s.text).not.toMatch(/CỘNG HÒA|Hạnh phúc|CHỦ TỊCH|bóng đá/u);
    }
  });
});
