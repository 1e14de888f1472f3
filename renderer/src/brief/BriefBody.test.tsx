import { describe, expect, it } from 'vitest';
import type { HeldBrief } from '../../../shared/client/store.js';
import type { AgendaItem, BriefPaper } from '../../../shared/protocol/index.js';
import { renderInLanguage } from '../i18n/render-static.js';
import { BriefBody } from './BriefBody.js';

const MEETING = '0190f0c8-7a1b-7c3d-8e4f-5a6b7c8d9e00';
const ITEM = '0190f0c8-7a1b-7c3d-8e4f-5a6b7c8d9e01';
const SUB = '0190f0c8-7a1b-7c3d-8e4f-5a6b7c8d9e02';
const DOC = '0190f0c8-7a1b-7c3d-8e4f-5a6b7c8d9e03';
const DOC2 = '0190f0c8-7a1b-7c3d-8e4f-5a6b7c8d9e04';

const item = (id: string, parentId: string | null, title: string, position: number): AgendaItem =>
  ({ id, meetingId: MEETING, parentId, title, presenter: '', plannedMinutes: 10, position, version: 1 }) as AgendaItem;
const AGENDA = [item(ITEM, null, 'Ngân sách năm 2027', 0), item(SUB, ITEM, 'Thảo luận tại hội trường', 0)];

const paper = (over: Partial<BriefPaper> = {}): BriefPaper => ({
  documentId: DOC,
  title: 'Báo cáo ngân sách năm 2026',
  version: 2,
  pages: 6,
  summary: [
    { page: 1, text: 'Tổng thu ngân sách nhà nước trên địa bàn ước đạt 45.312,8 tỷ đồng.' },
    { page: 4, text: 'Dự toán chi đầu tư phát triển năm 2027 tăng so với năm trước.' },
  ],
  figures: [{ page: 1, text: '45.312,8 tỷ đồng', sentence: 'Tổng thu … 45.312,8 tỷ đồng.' }],
  dates: [
    {
      page: 5,
      text: 'trước ngày 31/12/2026',
      sentence: 'Hoàn thành trước ngày 31/12/2026.',
      iso: '2026-12-31',
      deadline: true,
    },
    { page: 2, text: 'tháng 6/2026', sentence: 'Đến tháng 6/2026 …', iso: '2026-06', deadline: false },
  ],
  moreFigures: false,
  lastOpenedVersion: null,
  changes: null,
  ...over,
});

const held = (papers: { main?: BriefPaper[]; sub?: BriefPaper[]; other?: BriefPaper[] }): HeldBrief => ({
  meetingId: MEETING,
  fetchedAt: '2026-11-30T01:05:00.000Z',
  brief: {
    meetingId: MEETING,
    label: 'automatic-extracts',
    sections: [
      { agendaItemId: ITEM, parentId: null, title: 'Ngân sách năm 2027', papers: papers.main ?? [] },
      { agendaItemId: SUB, parentId: ITEM, title: 'Thảo luận tại hội trường', papers: papers.sub ?? [] },
      ...(papers.other ? [{ agendaItemId: null, parentId: null, title: null, papers: papers.other }] : []),
    ],
  },
});

const render = (lng: 'vi' | 'en', props: Partial<Parameters<typeof BriefBody>[0]>) =>
  renderInLanguage(
    lng,
    <BriefBody held={undefined} fetch={{ kind: 'done' }} agenda={AGENDA} onOpen={() => {}} {...props} />,
  );

describe('the brief', () => {
  it('says plainly, in both languages, that it is automatic extracts written by nobody (never the code)', async () => {
    const vi = await render('vi', { held: held({ main: [paper()] }) });
    expect(vi).toContain('Trích tự động từ tài liệu');
    expect(vi).toContain('không do ai viết');
    const en = await render('en', { held: held({ main: [paper()] }) });
    expect(en).toContain('Automatic extracts of the papers');
    expect(en).toContain('not written by anyone');
    for (const html of [vi, en]) expect(html).not.toContain('automatic-extracts');
  });

  it('lists each agenda item numbered, sub-items indented, and each sentence with its page opening the reader', async () => {
    const html = await render('vi', {
      held: held({ main: [paper()], sub: [paper({ documentId: DOC2, title: 'Tờ trình' })] }),
    });
    expect(html).toContain('1. Ngân sách năm 2027');
    expect(html).toContain('1.1. Thảo luận tại hội trường');
    expect(html).toMatch(/data-item-id="[^"]+9e02" data-depth="1"/);
    expect(html).toContain('brief-section brief-section--sub');
    expect(html.indexOf('1. Ngân sách')).toBeLessThan(html.indexOf('1.1. Thảo luận'));
    // Each sentence is a button to its page, built as the assistant's answers are.
    expect(html).toMatch(
      /<button type="button" class="assistant-hit" data-testid="brief-sentence" data-document-id="[^"]+9e03" data-page="4">/,
    );
    expect(html).toContain('Dự toán chi đầu tư phát triển năm 2027 tăng so với năm trước.');
    expect(html).toContain('trang 4');
    expect(html).toContain('Tóm tắt lúc');
  });

  it('shows amounts and dates with their pages, deadlines marked', async () => {
    const vi = await render('vi', { held: held({ main: [paper({ moreFigures: true })] }) });
    expect(vi).toContain('45.312,8 tỷ đồng');
    expect(vi).toMatch(/data-page="5" data-deadline="true"><span class="brief-chip__badge">Hạn chót<\/span>/);
    expect(vi).not.toMatch(/data-page="2" data-deadline/);
    expect(vi).toContain('title="Hoàn thành trước ngày 31/12/2026."');
    expect(vi).toContain('Tài liệu còn số liệu khác');
    const en = await render('en', { held: held({ main: [paper()] }) });
    expect(en).toContain('Deadline');
    expect(en).toContain('Figures');
  });

  it('tells never opened from opened, and what changed since the version opened', async () => {
    expect(await render('vi', { held: held({ main: [paper()] }) })).toContain('Bạn chưa mở tài liệu này.');
    expect(await render('en', { held: held({ main: [paper({ lastOpenedVersion: 2 })] }) })).toContain(
      'You have opened the current version.',
    );
    const changed = paper({
      lastOpenedVersion: 1,
      changes: {
        sinceVersion: 1,
        changedPages: [3, 4],
        added: [{ page: 3, text: 'Bổ sung dự án Trường trung học phổ thông Bắc Lâm Hải.' }],
        removed: [{ page: 3, text: 'Câu cũ đã bị bỏ khỏi tờ trình.' }],
        truncated: true,
      },
    });
    const vi = await render('vi', { held: held({ main: [changed] }) });
    expect(vi).toContain('Thay đổi từ bản 1 bạn đã mở');
    expect(vi).toMatch(/data-testid="brief-changed-page" data-page="3"/);
    expect(vi).toMatch(/data-testid="brief-added-sentence" data-document-id="[^"]+" data-page="3"/);
    expect(vi).toContain('<del>Câu cũ đã bị bỏ khỏi tờ trình.</del>');
    expect(vi).toContain('trang 3 của bản 1');
    expect(vi).toContain('Còn thay đổi khác');
    const en = await render('en', { held: held({ main: [changed] }) });
    expect(en).toContain('Changed since version 1 you opened');
  });

  it('shows loading, offline with the kept brief and its time, offline with none, and empty', async () => {
    expect(await render('vi', { fetch: { kind: 'loading' } })).toContain('Đang tóm tắt tài liệu…');
    // Loading with a kept brief: the kept one shows, no spinner.
    expect(await render('vi', { fetch: { kind: 'loading' }, held: held({ main: [paper()] }) })).not.toContain(
      'brief-loading',
    );
    const offline = await render('vi', { fetch: { kind: 'offline' }, held: held({ main: [paper()] }) });
    expect(offline).toMatch(/Ngoại tuyến: đang xem bản tóm tắt lưu trên máy lúc \d\d:\d\d, 30\/11\/2026\./);
    expect(offline).toContain('Tổng thu ngân sách nhà nước');
    expect(await render('en', { fetch: { kind: 'offline' } })).toContain('this device holds no brief');
    const empty = await render('vi', { held: held({}) });
    expect(empty).toContain('Chưa có tài liệu nào để tóm tắt.');
    expect(empty).not.toContain('brief-section');
  });

  it('puts the papers on no item under the general papers', async () => {
    const html = await render('en', { held: held({ other: [paper({ title: 'Kế hoạch kỳ họp' })] }) });
    expect(html).toContain('Documents of the whole meeting');
    expect(html).toContain('Kế hoạch kỳ họp');
  });
});
