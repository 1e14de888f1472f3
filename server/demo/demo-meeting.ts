/** The demo: a city council session, as a secretary would prepare it. */
export const DEMO_USERS = [
  { username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin' },
  { username: 'thuky', displayName: 'Nguyễn Thị Thu (Thư ký)', role: 'secretary' },
  { username: 'chutoa', displayName: 'Trần Văn Minh (Chủ tọa)', role: 'chair' },
  { username: 'daibieu1', displayName: 'Lê Hoàng Nam', role: 'delegate' },
  { username: 'daibieu2', displayName: 'Phạm Thị Lan', role: 'delegate' },
  { username: 'daibieu3', displayName: 'Võ Quốc Bảo', role: 'delegate' },
  // The projector PC in the room signs in as an observer to show the room display.
  { username: 'phonghop', displayName: 'Màn hình phòng họp', role: 'observer' },
] as const;

export const DEMO_MEETING = {
  title: 'Kỳ họp thứ mười hai, Hội đồng nhân dân thành phố khóa XVI',
  place: 'Hội trường tầng 3, Trụ sở Hội đồng nhân dân thành phố',
  organisation: 'Hội đồng nhân dân thành phố',
};

export interface DemoAgendaItem {
  title: string;
  presenter: string;
  plannedMinutes: number;
  children?: DemoAgendaItem[];
}

export const DEMO_AGENDA: DemoAgendaItem[] = [
  { title: 'Khai mạc kỳ họp', presenter: 'Chủ tọa kỳ họp', plannedMinutes: 10 },
  {
    title: 'Báo cáo tình hình kinh tế - xã hội năm 2026 và kế hoạch năm 2027',
    presenter: 'Ủy ban nhân dân thành phố',
    plannedMinutes: 30,
    children: [
      {
        title: 'Báo cáo thẩm tra của Ban Kinh tế - Ngân sách',
        presenter: 'Trưởng Ban Kinh tế - Ngân sách',
        plannedMinutes: 15,
      },
    ],
  },
  {
    title: 'Xem xét, thông qua Nghị quyết về dự toán ngân sách năm 2027',
    presenter: 'Sở Tài chính',
    plannedMinutes: 45,
    children: [
      { title: 'Thảo luận tại hội trường', presenter: 'Các đại biểu', plannedMinutes: 40 },
      { title: 'Biểu quyết thông qua Nghị quyết', presenter: 'Chủ tọa kỳ họp', plannedMinutes: 10 },
    ],
  },
  { title: 'Chất vấn và trả lời chất vấn', presenter: 'Các đại biểu; Ủy ban nhân dân thành phố', plannedMinutes: 60 },
  { title: 'Bế mạc kỳ họp', presenter: 'Chủ tọa kỳ họp', plannedMinutes: 10 },
];

/** 08:00 in Vietnam (UTC+7) on the day after `now`. */
export function demoStartTime(now: Date): string {
  const vietnam = new Date(now.getTime() + 7 * 3600_000);
  const day = new Date(Date.UTC(vietnam.getUTCFullYear(), vietnam.getUTCMonth(), vietnam.getUTCDate() + 1));
  return `${day.toISOString().slice(0, 10)}T08:00:00+07:00`;
}
