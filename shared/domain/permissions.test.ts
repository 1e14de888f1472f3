import { describe, expect, it } from 'vitest';
import type { MeetingRole, MeetingStatus } from '../protocol/index.js';
import { canCreateMeeting, canInMeeting, canListUsers, type MeetingAction } from './permissions.js';

const member = { isAdmin: false, canCreateMeetings: false };
const admin = { isAdmin: true, canCreateMeetings: false };

describe('permissions', () => {
  const table: Array<[MeetingRole | null, MeetingStatus, MeetingAction, boolean]> = [
    ['secretary', 'draft', 'meeting:view', true],
    ['chair', 'draft', 'meeting:view', true],
    ['delegate', 'draft', 'meeting:view', false],
    ['observer', 'draft', 'meeting:view', false],
    ['delegate', 'published', 'meeting:view', true],
    ['observer', 'published', 'meeting:view', true],
    [null, 'published', 'meeting:view', false],
    ['secretary', 'published', 'agenda:edit', true],
    ['chair', 'published', 'agenda:edit', false],
    ['delegate', 'published', 'agenda:edit', false],
    ['delegate', 'published', 'participants:edit', false],
    ['secretary', 'draft', 'meeting:publish', true],
    ['chair', 'draft', 'meeting:publish', false],
    ['chair', 'published', 'vote:manage', true],
    ['chair', 'draft', 'vote:manage', false],
    ['secretary', 'published', 'vote:manage', false],
    ['delegate', 'published', 'vote:manage', false],
    ['secretary', 'published', 'attendance:manage', true],
    ['chair', 'published', 'attendance:manage', true],
    ['delegate', 'published', 'attendance:manage', false],
  ];
  it.each(table)('%s in a %s meeting, %s → %s', (role, status, action, expected) => {
    expect(canInMeeting(member, action, { role, status })).toBe(expected);
  });

  it('lets the secretary run votes only where the meeting allows it', () => {
    const published = { role: 'secretary' as const, status: 'published' as const };
    expect(canInMeeting(member, 'vote:manage', { ...published, voteManagers: ['chair'] })).toBe(false);
    expect(canInMeeting(member, 'vote:manage', { ...published, voteManagers: ['chair', 'secretary'] })).toBe(true);
    expect(
      canInMeeting(member, 'vote:manage', {
        role: 'delegate',
        status: 'published',
        voteManagers: ['chair', 'secretary'],
      }),
    ).toBe(false);
  });

  it('lets an admin do anything in any meeting', () => {
    expect(canInMeeting(admin, 'agenda:edit', { role: null, status: 'draft' })).toBe(true);
  });

  it('lets only admins and organisers create meetings and list users', () => {
    expect(canCreateMeeting(member)).toBe(false);
    expect(canCreateMeeting({ ...member, canCreateMeetings: true })).toBe(true);
    expect(canListUsers(member, ['delegate'])).toBe(false);
    expect(canListUsers(member, ['secretary'])).toBe(true);
  });
});
