import { describe, expect, it } from 'vitest';
import { PAPERS } from '../../test/fixtures/assistant/papers/index.js';
import { pageText } from '../../test/fixtures/assistant/eval-set.js';
import { extractAction } from './action-items-extract.js';
import { actionKey, actionsInMinutes, actionsInPaper, type ActionCandidate } from './action-items.js';

describe('action items: sentences that assign work or set a deadline', () => {
  it('takes who, what and when from an assignment ("Giao … chủ trì")', () => {
    expect(
      extractAction(
        'Giao Sở Tài chính chủ trì tham mưu Ủy ban nhân dân thành phố điều hòa, điều chuyển vốn giữa các dự án; hằng quý tổng hợp danh sách dự án có tỷ lệ giải ngân thấp.',
      ),
    ).toEqual({
      who: 'Sở Tài chính',
      what: 'chủ trì tham mưu Ủy ban nhân dân thành phố điều hòa, điều chuyển vốn giữa các dự án; hằng quý tổng hợp danh sách dự án có tỷ lệ giải ngân thấp',
      when: null,
      whenIso: null,
    });
  });

  it('takes a deadline as written with its day, and lower-case parts of a name', () => {
    expect(extractAction('Đề nghị UBND các quận, huyện hoàn thành việc rà soát trước ngày 31/12/2026.')).toEqual({
      who: 'UBND các quận, huyện',
      what: 'hoàn thành việc rà soát trước ngày 31/12/2026',
      when: 'trước ngày 31/12/2026',
      whenIso: '2026-12-31',
    });
    expect(
      extractAction(
        'Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân thành phố phát hành tài liệu kỳ họp chậm nhất ngày 01/12/2026.',
      ),
    ).toMatchObject({
      who: 'Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân thành phố',
      when: 'chậm nhất ngày 01/12/2026',
      whenIso: '2026-12-01',
    });
  });

  it('names with a dash, lists of names, months, quarters and years after a cue', () => {
    expect(
      extractAction('Ban Kinh tế - Ngân sách chủ trì thẩm tra các nội dung về kinh tế, ngân sách trong tháng 11/2026.'),
    ).toMatchObject({ who: 'Ban Kinh tế - Ngân sách', when: 'trong tháng 11/2026', whenIso: '2026-11' });
    expect(
      extractAction(
        'Giao Thường trực Hội đồng nhân dân thành phố, các Ban của Hội đồng nhân dân thành phố, các Tổ đại biểu và đại biểu Hội đồng nhân dân thành phố giám sát việc thực hiện Nghị quyết này.',
      ),
    ).toMatchObject({
      who: 'Thường trực Hội đồng nhân dân thành phố, các Ban của Hội đồng nhân dân thành phố, các Tổ đại biểu và đại biểu Hội đồng nhân dân thành phố',
      what: 'giám sát việc thực hiện Nghị quyết này',
    });
    expect(extractAction('Sở Kế hoạch và Đầu tư hoàn thành việc lập danh mục dự án trong quý I/2027.')).toMatchObject({
      who: 'Sở Kế hoạch và Đầu tư',
      when: 'trong quý I/2027',
      whenIso: null,
    });
    expect(extractAction('Yêu cầu Chủ đầu tư các dự án hoàn thành quyết toán trong năm 2027.')).toMatchObject({
      who: 'Chủ đầu tư',
      when: 'trong năm 2027',
      whenIso: '2027',
    });
  });

  it('does not take a figure without a cue, a work already done, a received allocation or a heading', () => {
    for (const sentence of [
      'Tổng thu ngân sách nhà nước trên địa bàn ước đạt 45.312,8 tỷ đồng, bằng 106,6% dự toán.',
      'c) Dự phòng ngân sách địa phương được giao 760,0 tỷ đồng, đã sử dụng 512,4 tỷ đồng.',
      'Ủy ban nhân dân thành phố đã hoàn thành 95% kế hoạch giải ngân năm 2026.',
      'II. NHIỆM VỤ VÀ GIẢI PHÁP NĂM 2027',
      'Điều 3. Tổ chức thực hiện',
      'Chi sự nghiệp kinh tế (giao thông, nông nghiệp, thủy lợi, thủy sản) tăng 8,2%.',
    ])
      expect(extractAction(sentence), sentence).toBeNull();
  });

  it("finds the eval papers' assignments with their page, each sentence once", async () => {
    const all: ActionCandidate[] = [];
    for (const paper of PAPERS)
      all.push(
        ...(await actionsInPaper(
          paper.id,
          1,
          paper.pages.map((_, i) => ({ page: i + 1, text: pageText(paper, i + 1) })),
        )),
      );
    const finance = all.find((a) => a.sentence.includes('Giao Sở Tài chính chủ trì tham mưu'));
    expect(finance).toMatchObject({ who: 'Sở Tài chính', source: { kind: 'document', version: 1 } });
    const deadline = all.find((a) => a.when === 'trước ngày 10/11/2026');
    expect(deadline).toMatchObject({ who: 'Ủy ban nhân dân thành phố', whenIso: '2026-11-10' });
    expect(new Set(all.map((a) => a.key)).size).toBe(all.length);
    expect(all.some((a) => a.sentence.includes('được giao 760,0 tỷ đồng'))).toBe(false);
    // The letterhead ("ỦY BAN NHÂN DÂN … Số: 412/BC-UBND") is no one's task.
    expect(all.some((a) => a.sentence.includes('CỘNG HÒA XÃ HỘI'))).toBe(false);
    expect(all.length).toBeGreaterThan(8);
  });

  it('keys a sentence by its source and words: the same in a new version, another in another paper', () => {
    const s = 'Giao Sở Tài chính chủ trì thực hiện.';
    const d = (documentId: string, version: number, page: number) =>
      ({ kind: 'document', documentId, version, page }) as const;
    expect(actionKey(d('a', 1, 2), s)).toBe(actionKey(d('a', 2, 5), `  ${s.replace(' ', '\n')}`));
    expect(actionKey(d('a', 1, 2), s)).not.toBe(actionKey(d('b', 1, 2), s));
  });

  it("reads the minutes' discussion and decisions by agenda item", () => {
    const found = actionsInMinutes([
      {
        number: '2',
        discussion:
          'Đại biểu đề nghị làm rõ số liệu. Chủ tọa giao Văn phòng HĐND tổng hợp ý kiến, gửi đại biểu trước ngày 20/12/2026.',
        decisions: 'Thông qua Nghị quyết.',
      },
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      who: 'Văn phòng HĐND',
      whenIso: '2026-12-20',
      source: { kind: 'minutes', agendaNumber: '2', field: 'discussion' },
    });
  });
});
