import { describe, expect, it } from 'vitest';
import { MinutesContentSchema } from '../protocol/index.js';
import { MEMBERS, meetingRecord, PARTICIPANTS, STARTS_AT } from '../../test/support/minutes-record.js';
import { LATE_AFTER_MINUTES, minutesFromRecord, percentOfMembers, ruleText } from './minutes-prefill.js';

describe('minutesFromRecord', () => {
  const content = minutesFromRecord(meetingRecord());
  const row = (name: string) => content.attendance.find((r) => r.name === name);

  it('is valid minutes content as it comes', () => {
    expect(MinutesContentSchema.safeParse(content).success).toBe(true);
  });

  it('fills the header and the opening from the meeting, in Hà Nội time', () => {
    expect(content.header).toMatchObject({
      organisation: 'Hội đồng nhân dân thành phố Hà Nội',
      number: '12/BB-HĐND',
      place: 'Hà Nội',
      date: '2026-12-05',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(content.opening.time).toBe('Bắt đầu lúc 08 giờ 00 phút, ngày 05 tháng 12 năm 2026.');
    expect(content.opening).toMatchObject({ chair: 'Nguyễn Văn Hùng', secretary: 'Trần Thị Mai' });
    expect(content.closing).toEqual({
      text: 'Cuộc họp kết thúc lúc 11 giờ 30 phút cùng ngày.',
      signers: { chair: 'Nguyễn Văn Hùng', secretary: 'Trần Thị Mai' },
    });
  });

  it('lists every participant: absent = never checked in, late = more than 15 minutes after the start', () => {
    expect(content.attendance.map((r) => r.name)).toEqual(PARTICIPANTS.map((p) => p.displayName));
    expect(row('Ngô Thị Phượng')).toMatchObject({ status: 'absent', reason: 'Đi công tác nước ngoài' });
    expect(row('Đỗ Xuân Trường')).toMatchObject({
      status: 'late',
      reason: 'Tắc đường',
      arrivedAt: new Date(Date.parse(STARTS_AT) + 42 * 60_000).toISOString(),
    });
    // Exactly 15 minutes after the start is still on time.
    expect(LATE_AFTER_MINUTES).toBe(15);
    expect(row('Hoàng Minh Tuấn')).toMatchObject({ status: 'present', arrivedAt: null });
    expect(content.attendance.filter((r) => r.status === 'present')).toHaveLength(10);
    expect(row('Nguyễn Văn Hùng')?.role).toBe('Chủ tọa, Chủ tịch HĐND');
  });

  it('gives every option its count and its share of all members, and who did not vote', () => {
    const [named] = content.agenda[1]!.votes;
    expect(named).toMatchObject({
      kind: 'named',
      members: MEMBERS,
      ruleText: 'Đa số tuyệt đối trên tổng số thành viên; túc số: quá nửa số thành viên',
      outcome: 'Thông qua',
      counts: [
        { label: 'Tán thành', count: 7, percentOfMembers: 63.64 },
        { label: 'Không tán thành', count: 2, percentOfMembers: 18.18 },
        { label: 'Không biểu quyết', count: 1, percentOfMembers: 9.09 },
      ],
      notVoted: { count: 1, percentOfMembers: 9.09 },
    });
    expect(percentOfMembers(3, 0)).toBe(0);
    expect(ruleText({ rule: 'simple', base: 'members', quorum: 'none' })).toBe('Đa số tương đối');
  });

  it('says a tied question was not adopted, the tie as a note, also for a result stored as "tie"', () => {
    const record = meetingRecord();
    const vote = record.agenda[1]!.votes[0]!;
    const tied = { ...vote.result!, tally: { yes: 4, no: 4, abstain: 2 } };
    for (const outcome of ['rejected', 'tie'] as const) {
      vote.result = { ...tied, outcome: { ...tied.outcome, outcome } };
      expect(minutesFromRecord(record).agenda[1]!.votes[0]!.outcome).toBe('Không thông qua (số phiếu ngang nhau)');
    }
  });

  it('names the choices of a named vote, never of a secret one', () => {
    const [named] = content.agenda[1]!.votes;
    expect(named!.namedChoices).toHaveLength(10);
    expect(named!.namedChoices).toContainEqual({ name: 'Phạm Thị Thu Hương', choice: 'Không tán thành' });
    const [secret] = content.agenda[2]!.votes;
    expect(secret).toMatchObject({
      kind: 'secret',
      namedChoices: [],
      outcome: 'Trúng cử: Phạm Thị Thu Hương',
      counts: [
        { label: 'Phạm Thị Thu Hương', count: 8, percentOfMembers: 72.73 },
        { label: 'Dương Quốc Khánh', count: 2, percentOfMembers: 18.18 },
        { label: 'Không biểu quyết', count: 0, percentOfMembers: 0 },
      ],
    });
    expect(JSON.stringify(secret)).not.toContain('Không được in ra');
  });

  it('leaves out votes that were not published, keeps speeches and approvals', () => {
    expect(content.agenda[1]!.votes).toHaveLength(1);
    expect(content.agenda[0]!.speakers).toContainEqual({ name: 'Hoàng Minh Tuấn', seconds: 42, pointOfOrder: true });
    expect(content.agenda[1]!.approvals).toEqual([
      {
        document: 'Dự thảo Nghị quyết dự toán ngân sách 2027',
        name: 'Nguyễn Văn Hùng',
        decision: 'approve',
        at: '2026-12-05T03:10:00.000Z',
      },
    ]);
  });

  it('marks what the record does not know for the secretary to fill', () => {
    const bare = minutesFromRecord({ ...meetingRecord(), participants: [], endedAt: null });
    expect(bare.opening.chair).toBe('…');
    expect(bare.closing.text).toContain('…');
    expect(MinutesContentSchema.safeParse(bare).success).toBe(true);
  });
});
