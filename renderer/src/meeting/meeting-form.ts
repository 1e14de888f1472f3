import type { CommandInput } from '../../../shared/client/api.js';
import type { Meeting, VoteManagers } from '../../../shared/protocol/index.js';
import { fromDateTimeLocalValue } from '../format/datetime.js';

/** The secretary's meeting form as typed (the start as an ISO instant, already converted). */
export interface MeetingFields {
  title: string;
  startsAt: string;
  place: string;
  organisation: string;
  /** The meeting lets its secretary run the votes too (the chair always does). */
  secretaryRunsVotes: boolean;
}

export function voteManagersFor(secretaryRunsVotes: boolean): VoteManagers {
  return secretaryRunsVotes ? ['chair', 'secretary'] : ['chair'];
}

/** A sensible start for a new meeting: tomorrow at 08:00 on this device's clock; the chair alone runs votes. */
export function newMeetingFields(now = new Date()): MeetingFields {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return {
    title: '',
    startsAt: fromDateTimeLocalValue(`${day}T08:00`) ?? d.toISOString(),
    place: '',
    organisation: '',
    secretaryRunsVotes: false,
  };
}

export function fieldsOf(meeting: Meeting): MeetingFields {
  return {
    title: meeting.title,
    startsAt: meeting.startsAt,
    place: meeting.place,
    organisation: meeting.organisation,
    secretaryRunsVotes: meeting.voteManagers.includes('secretary'),
  };
}

export function toCreateMeeting(meetingId: string, fields: MeetingFields): CommandInput<'meeting:create'> {
  const { secretaryRunsVotes, ...rest } = fields;
  return { meetingId, ...rest, voteManagers: voteManagersFor(secretaryRunsVotes) };
}

/** The `meeting:update` payload with only what the form changed, or null when nothing did. */
export function toUpdateMeeting(meeting: Meeting, fields: MeetingFields): CommandInput<'meeting:update'> | null {
  const before = fieldsOf(meeting);
  const update: CommandInput<'meeting:update'> = { meetingId: meeting.id, baseVersion: meeting.version };
  if (fields.title !== before.title) update.title = fields.title;
  if (fields.startsAt !== before.startsAt) update.startsAt = fields.startsAt;
  if (fields.place !== before.place) update.place = fields.place;
  if (fields.organisation !== before.organisation) update.organisation = fields.organisation;
  if (fields.secretaryRunsVotes !== before.secretaryRunsVotes)
    update.voteManagers = voteManagersFor(fields.secretaryRunsVotes);
  return Object.keys(update).length > 2 ? update : null;
}
