import { describe, expect, it } from 'vitest';
import { MinutesAgendaItemSchema, type MinutesAgendaItem } from '../../../shared/protocol/index.js';
import { renderInLanguage } from '../i18n/render-static.js';
import { AgendaItemSection } from './AgendaItemSection.js';

const item: MinutesAgendaItem = MinutesAgendaItemSchema.parse({
  number: '3.2',
  title: 'Biểu quyết thông qua Nghị quyết',
  presenter: 'Chủ tọa kỳ họp',
  speakers: [
    { name: 'Lê Hoàng Nam', seconds: 185, pointOfOrder: false },
    { name: 'Phạm Thị Lan', seconds: 40, pointOfOrder: true },
  ],
  votes: [
    {
      question: 'Thông qua Nghị quyết về dự toán ngân sách năm 2027?',
      ruleText: 'Đa số tuyệt đối trên tổng số thành viên',
      kind: 'named',
      members: 3,
      counts: [
        { label: 'Tán thành', count: 2, percentOfMembers: 66.666666 },
        { label: 'Không tán thành', count: 0, percentOfMembers: 0 },
      ],
      notVoted: { count: 1, percentOfMembers: 33.333333 },
      outcome: 'Thông qua',
      namedChoices: [
        { name: 'Lê Hoàng Nam', choice: 'Tán thành' },
        { name: 'Phạm Thị Lan', choice: 'Tán thành' },
      ],
    },
  ],
  approvals: [
    { document: 'Dự thảo Nghị quyết', name: 'Trần Văn Minh', decision: 'approve', at: '2026-12-05T09:00:00+07:00' },
  ],
  discussion: 'Ý kiến',
  decisions: 'Kết luận',
});

const render = (lng: 'vi' | 'en', readOnly: boolean) =>
  renderInLanguage(lng, <AgendaItemSection item={item} index={0} onChange={() => {}} readOnly={readOnly} />);

describe('AgendaItemSection', () => {
  it("shows the record's facts: speakers with durations, the vote's question, rule, counts and outcome, approvals", async () => {
    const html = await render('en', false);
    for (const text of [
      '3.2. Biểu quyết thông qua Nghị quyết',
      'Lê Hoàng Nam',
      '3:05',
      '0:40',
      'point of order',
      'Thông qua Nghị quyết về dự toán ngân sách năm 2027?',
      'Đa số tuyệt đối trên tổng số thành viên',
      '66.67%',
      'Did not vote',
      'Roll-call vote: 2 choices listed in the file.',
      'Dự thảo Nghị quyết',
      'approved',
    ])
      expect(html).toContain(text);
    expect(html.match(/data-testid="minutes-speaker-remove"/g)).toHaveLength(2);
  });

  it('offers no removal and no editing to a reader, in Vietnamese', async () => {
    const html = await render('vi', true);
    expect(html).not.toContain('minutes-speaker-remove');
    expect(html).toContain('66,67%');
    expect(html).toContain('Không biểu quyết');
    expect(html.match(/readOnly=""/gi)).toHaveLength(2);
  });
});

describe('AgendaItemSection tasks', () => {
  const withTasks = MinutesAgendaItemSchema.parse({
    ...item,
    tasks: [
      { who: 'Sở Tài chính', what: 'chủ trì tham mưu điều chuyển vốn', deadline: 'trước ngày 31/12/2026' },
      { who: '', what: 'Hoàn thành trước ngày 15/01/2027', deadline: 'trước ngày 15/01/2027' },
    ],
  });
  const renderTasks = (lng: 'vi' | 'en', readOnly: boolean) =>
    renderInLanguage(lng, <AgendaItemSection item={withTasks} index={0} onChange={() => {}} readOnly={readOnly} />);

  it('lists the tasks assigned under the item, the deadline said once, removable while editing', async () => {
    const html = await renderTasks('vi', false);
    expect(html).toContain('Phân công thực hiện');
    expect(html).toContain('<strong>Sở Tài chính: </strong>chủ trì tham mưu điều chuyển vốn (trước ngày 31/12/2026)');
    expect(html).toContain('Hoàn thành trước ngày 15/01/2027</span>');
    expect(html.match(/data-testid="minutes-task-remove"/g)).toHaveLength(2);
    const readOnly = await renderTasks('en', true);
    expect(readOnly).toContain('Tasks assigned');
    expect(readOnly).not.toContain('minutes-task-remove');
  });

  it('shows no tasks heading for an item without any (a draft saved before tasks existed)', async () => {
    expect(await render('vi', false)).not.toContain('Phân công thực hiện');
  });
});
