import { describe, expect, it } from 'vitest';
import { canInMeeting } from './permissions.js';
import { filterMeetings, type matchesSearch, mayArchive, startOfWeek, type MeetingListFilter } from './meeting-list.js';
import { refusedWhenCancelled } from './meeting-lifecycle.js';

type Listed = Parameters<typeof matchesSearch>[0] & { id: string };

// A Wednesday at noon, in the device's time zone.
const NOW = new Date(2026, 11, 2, 12, 0);
const at = (days: number, hour = 9) =>
  new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() + days, hour).toISOString();

function meeting(id: string, over: Partial<Listed> = {}): Listed {
  return {
    id,
    title: 'Họp',
    place: 'Phòng 1',
    organisation: 'Ban',
    startsAt: at(0),
    status: 'published',
    cancellation: null,
    postponement: null,
    archivedAt: null,
    ...over,
  };
}

const LIST: Listed[] = [
  meeting('today-morning', { title: 'Kỳ họp thứ 9 Hội đồng nhân dân', startsAt: at(0, 8) }),
  meeting('next-month', { startsAt: at(30), place: 'Hội trường Đống Đa' }),
  meeting('monday', { startsAt: at(-2), status: 'closed' }),
  meeting('last-week', { startsAt: at(-8) }),
  meeting('cancelled', { startsAt: at(3), cancellation: { at: at(-1), reason: 'Đổi lịch' } }),
  meeting('archived', { startsAt: at(-40), status: 'closed', archivedAt: at(-1) }),
  meeting('to-be-announced', {
    startsAt: at(-5),
    postponement: { at: at(-6), reason: 'Chờ', previousStartsAt: at(-5), toBeAnnounced: true },
  }),
  meeting('sunday', { startsAt: at(4, 20), organisation: 'UBND quận Hoàn Kiếm' }),
];
const ids = (filter: MeetingListFilter, query = '') => filterMeetings(LIST, query, filter, NOW).map((m) => m.id);

describe('the meeting list', () => {
  it('finds a meeting by title, place or organisation with or without marks, đ as d, any case', () => {
    expect(ids('all', 'ky hop')).toEqual(['today-morning']);
    expect(ids('all', 'KỲ HỌP thứ 9')).toEqual(['today-morning']);
    expect(ids('all', 'hoi truong dong da')).toEqual(['next-month']);
    expect(ids('all', 'hoan kiem ubnd')).toEqual(['sunday']);
    expect(ids('all', 'không có')).toEqual([]);
    expect(ids('all', '   ').length).toBe(LIST.length - 1);
  });

  it('leaves archived meetings out of the default list and shows them with their filter', () => {
    expect(ids('all')).not.toContain('archived');
    expect(ids('archived')).toEqual(['archived']);
    expect(ids('cancelled')).toEqual(['cancelled']);
  });

  it('sorts meetings into upcoming, this week (Monday to Sunday) and past', () => {
    expect(ids('upcoming')).toEqual(['today-morning', 'next-month', 'to-be-announced', 'sunday']);
    expect(ids('this-week')).toEqual(['today-morning', 'monday', 'cancelled', 'sunday']);
    expect(ids('past')).toEqual(['monday', 'last-week']);
    expect(startOfWeek(NOW).getDay()).toBe(1);
  });

  it('archives only what is over or past', () => {
    expect(mayArchive(meeting('x', { startsAt: at(1) }), NOW)).toBe(false);
    expect(mayArchive(meeting('x', { startsAt: at(-1) }), NOW)).toBe(true);
    expect(mayArchive(meeting('x', { startsAt: at(1), status: 'closed' }), NOW)).toBe(true);
    expect(mayArchive(meeting('x', { startsAt: at(1), cancellation: { at: at(0), reason: 'r' } }), NOW)).toBe(true);
  });
});

describe('who acts on a meeting over time', () => {
  const person = { isAdmin: false, canCreateMeetings: false };
  const admin = { isAdmin: true, canCreateMeetings: true };
  const published = (role: 'secretary' | 'chair' | 'delegate' | 'observer' | null) => ({
    role,
    status: 'published' as const,
  });

  it('lets the secretary and the chair call off or put off a meeting, the secretary archive and copy it', () => {
    expect(canInMeeting(person, 'meeting:cancel', published('secretary'))).toBe(true);
    expect(canInMeeting(person, 'meeting:cancel', published('chair'))).toBe(true);
    expect(canInMeeting(person, 'meeting:cancel', published('delegate'))).toBe(false);
    expect(canInMeeting(person, 'meeting:archive', published('chair'))).toBe(false);
    expect(canInMeeting(person, 'meeting:copy', published('secretary'))).toBe(true);
    expect(canInMeeting(admin, 'meeting:cancel', published(null))).toBe(true);
  });

  it('lets the invited (the delegates) of a sent-out meeting reply, never an admin who is none; replies read by secretary and chair', () => {
    expect(canInMeeting(person, 'invitation:reply', published('delegate'))).toBe(true);
    // Those who convene the meeting and the observers (the room's display) are not asked.
    for (const role of ['secretary', 'chair', 'observer'] as const)
      expect(canInMeeting(person, 'invitation:reply', published(role))).toBe(false);
    expect(canInMeeting(person, 'invitation:reply', { role: 'delegate', status: 'draft' })).toBe(false);
    expect(canInMeeting(admin, 'invitation:reply', published(null))).toBe(false);
    expect(canInMeeting(person, 'invitation:read-all', published('chair'))).toBe(true);
    expect(canInMeeting(person, 'invitation:read-all', published('delegate'))).toBe(false);
  });

  it('refuses the session, votes, ballots and check-ins in a cancelled meeting; archiving and copying go on', () => {
    for (const action of [
      'vote:manage',
      'session:run',
      'meeting:view',
      'attendance:manage',
      'invitation:reply',
    ] as const)
      expect(refusedWhenCancelled(action)).toBe(true);
    for (const action of ['meeting:archive', 'meeting:copy', 'minutes:read'] as const)
      expect(refusedWhenCancelled(action)).toBe(false);
  });
});
