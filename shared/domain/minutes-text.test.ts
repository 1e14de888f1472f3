import { describe, expect, it } from 'vitest';
import {
  attendanceText,
  placeAndDate,
  upperVietnamese,
  vietnameseDate,
  vietnameseDuration,
  vietnamesePercent,
  vietnameseTime,
  zonedDate,
} from './minutes-text.js';

describe('the words and numbers of the minutes', () => {
  it('writes dates as Decree 30 does: a leading zero for days below 10 and for months 1 and 2', () => {
    expect(vietnameseDate('2026-12-05')).toBe('ngày 05 tháng 12 năm 2026');
    expect(vietnameseDate('2027-02-14')).toBe('ngày 14 tháng 02 năm 2027');
    expect(vietnameseDate('2027-03-01')).toBe('ngày 01 tháng 3 năm 2027');
    expect(placeAndDate('Hà Nội', '2026-12-05')).toBe('Hà Nội, ngày 05 tháng 12 năm 2026');
  });

  it('reads times and dates in the meeting’s zone', () => {
    expect(vietnameseTime('2026-12-05T01:05:00Z', 'Asia/Ho_Chi_Minh')).toBe('08 giờ 05 phút');
    expect(zonedDate('2026-12-04T18:30:00Z', 'Asia/Ho_Chi_Minh')).toBe('2026-12-05');
  });

  it('says durations, percentages and attendance in Vietnamese', () => {
    expect(vietnameseDuration(0)).toBe('0 giây');
    expect(vietnameseDuration(200)).toBe('3 phút 20 giây');
    expect(vietnameseDuration(3720)).toBe('1 giờ 2 phút');
    expect(vietnamesePercent(63.64)).toBe('63,64%');
    expect(vietnamesePercent(50)).toBe('50%');
    const row = { name: 'A', role: '', reason: '', arrivedAt: null };
    expect(attendanceText({ ...row, status: 'present' }, 'UTC')).toBe('Có mặt');
    expect(attendanceText({ ...row, status: 'absent' }, 'UTC')).toBe('Vắng mặt (không rõ lý do)');
    expect(attendanceText({ ...row, status: 'absent', reason: 'ốm' }, 'UTC')).toBe('Vắng mặt (lý do: ốm)');
    expect(attendanceText({ ...row, status: 'late', arrivedAt: '2026-12-05T01:42:00Z' }, 'UTC')).toBe(
      'Đến muộn (01 giờ 42 phút)',
    );
  });

  it('puts the organisation in Vietnamese capitals', () => {
    expect(upperVietnamese('Hội đồng nhân dân thành phố Hà Nội'.normalize('NFD'))).toBe(
      'HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI',
    );
  });
});
