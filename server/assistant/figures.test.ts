import { describe, expect, it } from 'vitest';
import { paperById, pageText } from '../../test/fixtures/assistant/eval-set.js';
import { figuresOf } from './brief.js';
import { findFigures } from './figures.js';
import { passagesOfPage } from './vietnamese-text.js';

function figuresOfPaper(id: string) {
  const paper = paperById(id);
  return figuresOf(paper.pages.flatMap((_, i) => passagesOfPage(id, i + 1, pageText(paper, i + 1))));
}

describe('amounts and dates as Vietnamese offices write them', () => {
  it('finds amounts, per cents and dates in a sentence, deadlines marked, not numbers of acts', () => {
    const found = findFigures(
      'Theo Nghị quyết số 12/NQ-HĐND giai đoạn 2026–2030, tổng thu 1.234,5 tỷ đồng, đạt 106,6%; giao trước ngày 31/12/2026 và báo cáo ngày 15 tháng 12 năm 2026.',
    );
    expect(found.map((f) => [f.kind, f.text])).toEqual([
      ['amount', '1.234,5 tỷ đồng'],
      ['amount', '106,6%'],
      ['date', 'trước ngày 31/12/2026'],
      ['date', 'ngày 15 tháng 12 năm 2026'],
    ]);
    expect(found[2]).toMatchObject({ iso: '2026-12-31', deadline: true });
    expect(found[3]).toMatchObject({ iso: '2026-12-15', deadline: false });
    expect(findFigures('đăng ký trước 17 giờ 00 ngày 05/12/2026')[0]).toMatchObject({
      iso: '2026-12-05',
      deadline: true,
    });
  });

  it("lists the budget report's figures with their page and sentence, each once", () => {
    const { figures, dates } = figuresOfPaper('bao-cao-ngan-sach-2026');
    const total = figures.find((f) => f.text === '45.312,8 tỷ đồng');
    expect(total).toMatchObject({ page: 1 });
    expect(total!.sentence).toContain('Tổng thu ngân sách nhà nước trên địa bàn năm 2026');
    expect(figures.find((f) => f.text === '106,6%')).toMatchObject({ page: 1 });
    expect(figures.find((f) => f.text === '48.600,0 tỷ đồng')).toBeDefined();
    const texts = figures.map((f) => f.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(dates.find((d) => d.iso === '2026-12-31' && d.deadline)).toMatchObject({ text: 'trước ngày 31/12/2026' });
    expect(dates.find((d) => d.iso === '2026-11-16')).toMatchObject({ page: 1, text: 'ngày 16 tháng 11 năm 2026' });
    for (const f of [...figures, ...dates]) expect(f.sentence).toContain(f.text);
  });

  it("finds the draft resolution's deadlines, one entry per date", () => {
    const { dates } = figuresOfPaper('du-thao-nghi-quyet-dau-tu-cong');
    const deadlines = dates.filter((d) => d.deadline).map((d) => d.iso);
    expect(deadlines).toContain('2027-06-30');
    expect(deadlines).toContain('2026-12-31');
    expect(deadlines.filter((d) => d === '2026-12-31')).toHaveLength(1);
    expect(dates.find((d) => d.iso === '2027-09-30')).toMatchObject({
      text: 'trước ngày 30/9/2027',
      page: expect.any(Number),
    });
  });
});
