import { describe, expect, it } from 'vitest';
import { COMMAND_SCHEMAS } from '../../../shared/protocol/commands.js';
import type { Meeting } from '../../../shared/protocol/index.js';
import { fieldsOf, newMeetingFields, toCreateMeeting, toUpdateMeeting, type MeetingFields } from './meeting-form.js';

const MEETING_ID = '0192f0a4-1b2c-7d3e-8f40-123456789abc';
const COMMAND_ID = '0192f0a4-1b2c-7d3e-8f40-cba987654321';

const meeting = (patch: Partial<Meeting> = {}): Meeting => ({
  id: MEETING_ID,
  title: 'Kỳ họp thứ 12',
  startsAt: '2027-01-15T14:30:00+07:00',
  place: 'Hội trường A',
  organisation: 'HĐND tỉnh',
  status: 'draft',
  publishedAt: null,
  closedAt: null,
  documentsRecalledAt: null,
  cancellation: null,
  postponement: null,
  archivedAt: null,
  voteManagers: ['chair'],
  voteDefaults: { rule: 'absolute', base: 'members', quorum: 'none' },
  version: 0,
  ...patch,
});

const filled = (patch: Partial<MeetingFields> = {}): MeetingFields => ({ ...fieldsOf(meeting()), ...patch });

/** The payloads as the server will read them (the core adds the command id). */
const asServerReadsCreate = (fields: MeetingFields) =>
  COMMAND_SCHEMAS['meeting:create'].parse({ ...toCreateMeeting(MEETING_ID, fields), commandId: COMMAND_ID });

describe('the meeting form’s “secretary may run votes” switch', () => {
  it('is off for a new meeting', () => {
    expect(newMeetingFields().secretaryRunsVotes).toBe(false);
  });

  it('creates a meeting run by the chair alone, or by the chair and the secretary', () => {
    expect(asServerReadsCreate(filled()).voteManagers).toEqual(['chair']);
    expect(asServerReadsCreate(filled({ secretaryRunsVotes: true }))).toEqual({
      commandId: COMMAND_ID,
      meetingId: MEETING_ID,
      title: 'Kỳ họp thứ 12',
      startsAt: '2027-01-15T14:30:00+07:00',
      place: 'Hội trường A',
      organisation: 'HĐND tỉnh',
      voteManagers: ['chair', 'secretary'],
      voteDefaults: { rule: 'absolute', base: 'members', quorum: 'none' },
    });
  });

  it('reads back from the meeting as it is', () => {
    expect(fieldsOf(meeting()).secretaryRunsVotes).toBe(false);
    expect(fieldsOf(meeting({ voteManagers: ['chair', 'secretary'] })).secretaryRunsVotes).toBe(true);
  });
});

describe('the meeting’s vote defaults', () => {
  it('start a new meeting as a council decides: more than half of all members, no separate quorum', () => {
    expect(newMeetingFields().voteDefaults).toEqual({ rule: 'absolute', base: 'members', quorum: 'none' });
  });

  it('are created as chosen, and read back from the meeting', () => {
    const voteDefaults = { rule: 'two-thirds', base: 'present', quorum: 'majority' } as const;
    expect(asServerReadsCreate(filled({ voteDefaults })).voteDefaults).toEqual(voteDefaults);
    expect(fieldsOf(meeting({ voteDefaults })).voteDefaults).toEqual(voteDefaults);
  });

  it('are sent in an update only when changed', () => {
    const voteDefaults = { rule: 'simple', base: 'members', quorum: 'half' } as const;
    const update = toUpdateMeeting(meeting({ version: 4 }), filled({ voteDefaults }));
    expect(update).toEqual({ meetingId: MEETING_ID, baseVersion: 4, voteDefaults });
    expect(() => COMMAND_SCHEMAS['meeting:update'].parse({ ...update, commandId: COMMAND_ID })).not.toThrow();
    expect(toUpdateMeeting(meeting(), filled({ voteDefaults: { ...meeting().voteDefaults } }))).toBeNull();
  });
});

describe('toUpdateMeeting', () => {
  it('compares with the meeting the form was opened on and sends its version', () => {
    // Opened on version 2; someone else saved version 3 meanwhile. The edit still names
    // version 2, so the server refuses it rather than silently undoing the other edit.
    const opened = meeting({ version: 2 });
    expect(toUpdateMeeting(opened, { ...fieldsOf(opened), title: 'Kỳ họp bất thường' })).toEqual({
      meetingId: MEETING_ID,
      baseVersion: 2,
      title: 'Kỳ họp bất thường',
    });
  });

  it('sends nothing when nothing changed', () => {
    expect(toUpdateMeeting(meeting(), filled())).toBeNull();
    const both = meeting({ voteManagers: ['chair', 'secretary'] });
    expect(toUpdateMeeting(both, fieldsOf(both))).toBeNull();
  });

  it('sends only the setting when only the switch moved, both ways', () => {
    expect(toUpdateMeeting(meeting(), filled({ secretaryRunsVotes: true }))).toEqual({
      meetingId: MEETING_ID,
      baseVersion: 0,
      voteManagers: ['chair', 'secretary'],
    });
    const both = meeting({ voteManagers: ['chair', 'secretary'], version: 3 });
    expect(toUpdateMeeting(both, { ...fieldsOf(both), secretaryRunsVotes: false })).toEqual({
      meetingId: MEETING_ID,
      baseVersion: 3,
      voteManagers: ['chair'],
    });
  });

  it('sends the changed fields alone, in a payload the server accepts', () => {
    const update = toUpdateMeeting(meeting(), filled({ place: 'Phòng họp số 2' }));
    // The version it was made on travels with it, so a stale edit is refused, not applied.
    expect(update).toEqual({ meetingId: MEETING_ID, baseVersion: 0, place: 'Phòng họp số 2' });
    expect(() => COMMAND_SCHEMAS['meeting:update'].parse({ ...update, commandId: COMMAND_ID })).not.toThrow();
  });
});
