import { describe, expect, it } from 'vitest';
import type { MinutesAgendaItem, MinutesContent } from '../../../shared/protocol/index.js';
import { isDirty, keepTheirTasks, refreshFacts, textLength } from './minutes-merge.js';
import { speechDuration } from './AgendaItemSection.js';

const item = (number: string, title: string, extra: Partial<MinutesAgendaItem> = {}): MinutesAgendaItem => ({
  number,
  title,
  presenter: '',
  speakers: [],
  votes: [],
  approvals: [],
  discussion: '',
  decisions: '',
  ...extra,
});

const base: MinutesContent = {
  header: {
    parentOrganisation: '',
    organisation: 'Hội đồng nhân dân thành phố Hà Nội',
    number: '',
    place: 'Hà Nội',
    date: '2026-12-05',
    title: 'Kỳ họp thứ 18',
    timeZone: 'Asia/Ho_Chi_Minh',
  },
  opening: { time: 'Bắt đầu lúc 08 giờ 00 phút', place: 'Hội trường', chair: 'Nguyễn Văn A', secretary: 'Trần Thị B' },
  attendance: [
    { name: 'Nguyễn Văn A', role: 'Chủ tọa', status: 'present', reason: '', arrivedAt: null },
    { name: 'Lê Văn C', role: 'Đại biểu', status: 'absent', reason: '', arrivedAt: null },
  ],
  agenda: [item('1', 'Khai mạc'), item('2', 'Ngân sách')],
  closing: { text: 'Cuộc họp kết thúc lúc 11 giờ.', signers: { chair: 'Nguyễn Văn A', secretary: 'Trần Thị B' } },
};

describe('refreshFacts', () => {
  const mine: MinutesContent = {
    ...base,
    header: { ...base.header, number: '12/BB-HĐND' },
    opening: { ...base.opening, place: 'Phòng họp số 2' },
    attendance: [
      { ...base.attendance[0]!, status: 'late' },
      { ...base.attendance[1]!, reason: 'Đi công tác' },
    ],
    agenda: [
      item('1', 'Khai mạc', {
        discussion: 'Ý kiến',
        speakers: [{ name: 'X', seconds: 60, pointOfOrder: false }],
      }),
      item('2', 'Ngân sách', { decisions: 'Thông qua' }),
    ],
    closing: { ...base.closing, text: 'Kết thúc lúc 11 giờ 30.' },
  };
  const fresh: MinutesContent = {
    ...base,
    header: { ...base.header, number: '' },
    attendance: [
      { ...base.attendance[0]!, status: 'present' },
      { ...base.attendance[1]!, status: 'late', arrivedAt: '2026-12-05T08:40:00+07:00' },
      { name: 'Phạm Thị D', role: 'Đại biểu', status: 'present', reason: '', arrivedAt: null },
    ],
    agenda: [
      // Moved to the front: matched by title, the texts follow it.
      item('1', 'Ngân sách', {
        speakers: [{ name: 'Y', seconds: 120, pointOfOrder: true }],
      }),
      item('2', 'Khai mạc'),
    ],
  };

  it('keeps the texts of the header, opening and closing', () => {
    const merged = refreshFacts(mine, fresh);
    expect(merged.header).toEqual(mine.header);
    expect(merged.opening).toEqual(mine.opening);
    expect(merged.closing).toEqual(mine.closing);
  });

  it('takes statuses and people from the record, keeping the reasons typed', () => {
    const merged = refreshFacts(mine, fresh);
    expect(merged.attendance).toEqual([
      fresh.attendance[0],
      { ...fresh.attendance[1], reason: 'Đi công tác' },
      fresh.attendance[2],
    ]);
  });

  it("takes speakers and votes from the record and keeps each item's discussion and decisions", () => {
    const merged = refreshFacts(mine, fresh);
    expect(merged.agenda.map((i) => [i.number, i.title, i.decisions, i.discussion])).toEqual([
      ['1', 'Ngân sách', 'Thông qua', ''],
      ['2', 'Khai mạc', '', 'Ý kiến'],
    ]);
    expect(merged.agenda[0]!.speakers).toEqual(fresh.agenda[0]!.speakers);
    expect(merged.agenda[1]!.speakers).toEqual([]);
  });

  it('keeps, at the end, an item gone from the agenda that has text on it', () => {
    const merged = refreshFacts(mine, { ...fresh, agenda: [item('1', 'Ngân sách')] });
    expect(merged.agenda.map((i) => i.title)).toEqual(['Ngân sách', 'Khai mạc']);
    expect(merged.agenda[1]!.discussion).toBe('Ý kiến');
    const empty = refreshFacts({ ...mine, agenda: [item('9', 'Bỏ')] }, { ...fresh, agenda: [] });
    expect(empty.agenda).toEqual([]);
  });

  it('matches a renamed item by its number', () => {
    const merged = refreshFacts(mine, { ...fresh, agenda: [item('2', 'Ngân sách năm 2027'), item('1', 'Khai mạc')] });
    expect(merged.agenda.map((i) => [i.title, i.decisions, i.discussion])).toEqual([
      ['Ngân sách năm 2027', 'Thông qua', ''],
      ['Khai mạc', '', 'Ý kiến'],
    ]);
  });
});

describe('isDirty', () => {
  it('is false for the same content, and for what the server would normalise away', () => {
    expect(isDirty(base, structuredClone(base))).toBe(false);
    const decomposed = { ...base, closing: { ...base.closing, text: `${base.closing.text.normalize('NFD')}  ` } };
    expect(isDirty(decomposed, base)).toBe(false);
  });

  it('is true for any edit', () => {
    expect(isDirty({ ...base, agenda: [item('1', 'Khai mạc', { decisions: 'x' }), base.agenda[1]!] }, base)).toBe(true);
    expect(
      isDirty({ ...base, attendance: [base.attendance[0]!, { ...base.attendance[1]!, status: 'late' }] }, base),
    ).toBe(true);
  });
});

describe('textLength and speechDuration', () => {
  it('counts letters as the server does (NFC)', () => {
    expect(textLength('Đi công tác'.normalize('NFD'))).toBe(11);
  });
  it('writes durations as m:ss or h:mm:ss', () => {
    expect(speechDuration(65)).toBe('1:05');
    expect(speechDuration(3725)).toBe('1:02:05');
  });
});

describe('keeping my text after a stale save', () => {
  const task = {
    who: 'Sở Tài chính',
    what: 'chủ trì tham mưu',
    deadline: 'trước ngày 31/12/2026',
    actionItemKey: 'AbCdEfGhIjKlMnOpQrStUv01',
  };
  it('keeps what I typed and takes the tasks of their version, item by item', () => {
    const mine = { ...base, agenda: [item('1', 'Mục 1', { discussion: 'Tôi viết' }), item('2', 'Mục 2')] };
    const theirs = { ...base, agenda: [item('1', 'Mục 1'), item('2', 'Mục 2', { tasks: [task] })] };
    const kept = keepTheirTasks(mine, theirs);
    expect(kept.agenda[0]).toEqual(item('1', 'Mục 1', { discussion: 'Tôi viết' }));
    expect(kept.agenda[1]!.tasks).toEqual([task]);
    // A task they took out is out of mine too.
    const without = keepTheirTasks(kept, { ...theirs, agenda: [item('1', 'Mục 1'), item('2', 'Mục 2')] });
    expect(without.agenda[1]).toEqual(item('2', 'Mục 2'));
  });
});
