import { computeOutcome, type MeetingRecord, type RecordParticipant } from '../../shared/domain/index.js';
import type { VoteResult } from '../../shared/protocol/index.js';

/**
 * A council session as the server would record it: 12 members (one absent with a reason,
 * one late), three agenda items with speeches, a named vote, a secret election and an
 * approval. Long enough for the minutes to run over two pages.
 */

export const STARTS_AT = '2026-12-05T01:00:00.000Z'; // 08:00 in Hà Nội
const at = (minutes: number) => new Date(Date.parse(STARTS_AT) + minutes * 60_000).toISOString();

export const PARTICIPANTS: RecordParticipant[] = [
  { displayName: 'Nguyễn Văn Hùng', role: 'chair', position: 'Chủ tịch HĐND', firstCheckInAt: at(-10) },
  { displayName: 'Trần Thị Mai', role: 'secretary', position: 'Chánh Văn phòng', firstCheckInAt: at(-20) },
  { displayName: 'Lê Quang Đức', role: 'delegate', firstCheckInAt: at(-5) },
  { displayName: 'Phạm Thị Thu Hương', role: 'delegate', firstCheckInAt: at(0) },
  { displayName: 'Hoàng Minh Tuấn', role: 'delegate', firstCheckInAt: at(15) },
  { displayName: 'Vũ Thị Ngọc Ánh', role: 'delegate', firstCheckInAt: at(-1) },
  { displayName: 'Đặng Văn Lộc', role: 'delegate', firstCheckInAt: at(3) },
  { displayName: 'Bùi Thị Hồng Nhung', role: 'delegate', firstCheckInAt: at(-2) },
  { displayName: 'Đỗ Xuân Trường', role: 'delegate', firstCheckInAt: at(42), absenceReason: 'Tắc đường' },
  { displayName: 'Ngô Thị Phượng', role: 'delegate', firstCheckInAt: null, absenceReason: 'Đi công tác nước ngoài' },
  { displayName: 'Dương Quốc Khánh', role: 'delegate', firstCheckInAt: at(-7) },
  { displayName: 'Lý Thị Yến', role: 'delegate', firstCheckInAt: at(1) },
];
export const MEMBERS = 11; // the chair and the delegates; the secretary does not vote
const VOTERS = PARTICIPANTS.filter((p) => p.role !== 'secretary' && p.firstCheckInAt !== null);

function result(
  tally: Record<string, number>,
  ballots: number,
  kind: 'question' | 'election',
  named: VoteResult['named'],
  seats?: number,
): VoteResult {
  const present = VOTERS.length;
  const outcome = computeOutcome({
    tally,
    ballots,
    rule: 'absolute',
    base: 'members',
    quorum: 'majority',
    present,
    members: MEMBERS,
    kind,
    ...(seats === undefined ? {} : { seats }),
  });
  return { tally, ballots, present, members: MEMBERS, outcome, named };
}

const uid = (i: number) => `0190f000-0000-7000-8000-${String(i).padStart(12, '0')}`;
const choices = ['yes', 'yes', 'no', 'yes', 'yes', 'abstain', 'yes', 'yes', 'yes', 'no'];
export const NAMED_RESULT = result({ yes: 7, no: 2, abstain: 1 }, 10, 'question', [
  ...VOTERS.map((p, i) => ({ userId: uid(i), displayName: p.displayName, choices: [choices[i] ?? 'abstain'] })),
]);
// The server never puts names on a secret result; one here checks that the minutes drop them anyway.
export const SECRET_RESULT = result({ c1: 8, c2: 2, abstain: 0 }, 10, 'election', [
  { userId: uid(99), displayName: 'Không được in ra', choices: ['c1'] },
]);

export function meetingRecord(): MeetingRecord {
  const speech = (speakerName: string, seconds: number, pointOfOrder = false) => ({
    speakerName,
    seconds,
    pointOfOrder,
  });
  return {
    title: 'Kỳ họp thứ 18 Hội đồng nhân dân thành phố Hà Nội khóa XVI, nhiệm kỳ 2021-2026',
    organisation: 'Hội đồng nhân dân thành phố Hà Nội',
    parentOrganisation: null,
    number: '12/BB-HĐND',
    location: 'Hội trường tầng 3, số 18B Lê Thánh Tông, quận Hoàn Kiếm, Hà Nội',
    placeName: 'Hà Nội',
    startsAt: STARTS_AT,
    endedAt: '2026-12-05T04:30:00.000Z',
    participants: PARTICIPANTS,
    agenda: [
      {
        number: '1',
        title: 'Báo cáo tình hình kinh tế - xã hội năm 2026 và kế hoạch năm 2027',
        presenter: 'Lê Quang Đức',
        speeches: [
          speech('Lê Quang Đức', 1260),
          speech('Phạm Thị Thu Hương', 305),
          speech('Hoàng Minh Tuấn', 42, true),
          speech('Vũ Thị Ngọc Ánh', 610),
          speech('Dương Quốc Khánh', 480),
        ],
        votes: [],
        approvals: [],
      },
      {
        number: '2',
        title: 'Nghị quyết về dự toán ngân sách địa phương năm 2027',
        presenter: 'Đặng Văn Lộc',
        speeches: [speech('Đặng Văn Lộc', 900), speech('Bùi Thị Hồng Nhung', 330), speech('Lý Thị Yến', 275)],
        votes: [
          {
            question: 'Thông qua Nghị quyết về dự toán ngân sách địa phương năm 2027',
            kind: 'named',
            options: { type: 'yes-no-abstain' },
            rule: 'absolute',
            base: 'members',
            quorum: 'majority',
            status: 'published',
            result: NAMED_RESULT,
          },
          {
            question: 'Biểu quyết đã hủy',
            kind: 'named',
            options: { type: 'yes-no-abstain' },
            rule: 'absolute',
            base: 'members',
            quorum: 'none',
            status: 'cancelled',
            result: null,
          },
        ],
        approvals: [
          {
            documentTitle: 'Dự thảo Nghị quyết dự toán ngân sách 2027',
            displayName: 'Nguyễn Văn Hùng',
            decision: 'approve',
            at: '2026-12-05T03:10:00.000Z',
          },
        ],
      },
      {
        number: '3',
        title: 'Bầu Phó Chủ tịch Hội đồng nhân dân thành phố',
        presenter: 'Nguyễn Văn Hùng',
        speeches: [speech('Nguyễn Văn Hùng', 200), speech('Lê Quang Đức', 95)],
        votes: [
          {
            question: 'Bầu Phó Chủ tịch Hội đồng nhân dân thành phố',
            kind: 'secret',
            options: {
              type: 'candidates',
              seats: 1,
              candidates: [
                { id: 'c1', name: 'Phạm Thị Thu Hương' },
                { id: 'c2', name: 'Dương Quốc Khánh' },
              ],
            },
            rule: 'absolute',
            base: 'members',
            quorum: 'majority',
            status: 'published',
            result: SECRET_RESULT,
          },
        ],
        approvals: [],
      },
    ],
  };
}
