import type { CommandInput } from '../../../shared/client/api.js';
import {
  COUNCIL_VOTE_DEFAULTS,
  type Meeting,
  type VoteDefaults,
  type VoteManagers,
} from '../../../shared/protocol/index.js';
import { fromDateTimeLocalValue } from '../format/datetime.js';

/** The secretary's meeting form as typed (the start as an ISO instant, already converted). */
export interface MeetingFields {
  title: string;
  startsAt: string;
  place: string;
  organisation: string;
  /** The meeting lets its secretary run the votes too (the chair always does). */
  secretaryRunsVotes: boolean;
  /** What each new vote of the meeting starts with. */
  voteDefaults: VoteDefaults;
}

export function voteManagersFor(secretaryRunsVotes: boolean): VoteManagers {
  return secretaryRunsVotes ? ['chair', 'secretary'] : ['chair'];
}

/**
 * A sensible start for a new meeting: tomorrow at 08:00 on this device's clock; the chair
 * alone runs votes, which pass with more than half of all members.
 */
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
    voteDefaults: { ...COUNCIL_VOTE_DEFAULTS },
  };
}

export function fieldsOf(meeting: Meeting): MeetingFields {
  return {
    title: meeting.title,
    startsAt: meeting.startsAt,
    place: meeting.place,
    organisation: meeting.organisation,
    secretaryRunsVotes: meeting.voteManagers.includes('secretary'),
    voteDefaults: { ...meeting.voteDefaults },
  };
}

export function toCreateMeeting(meetingId: string, fields: MeetingFields): CommandInput<'meeting:create'> {
  const { secretaryRunsVotes, ...rest } = fields;
  return { meetingId, ...rest, voteManagers: voteManagersFor(secretaryRunsVotes) };
}

const sameDefaults = (a: VoteDefaults, b: VoteDefaults) =>
  a.rule === b.rule && a.base === b.base && a.quorum === b.quorum;

/**
 * The `meeting:update` payload with only what the form changed, or null when nothing did.
 * `base` is the meeting as it was when the form was opened: the changes are against it, and
 * its version goes with them, so that an edit someone else made meanwhile is not overwritten
 * but refused (STALE_EDIT).
 */
export function toUpdateMeeting(base: Meeting, fields: MeetingFields): CommandInput<'meeting:update'> | null {
  const before = fieldsOf(base);
  const update: CommandInput<'meeting:update'> = { meetingId: base.id, baseVersion: base.version };
  if (fields.title !== before.title) update.title = fields.title;
  if (fields.startsAt !== before.startsAt) update.startsAt = fields.startsAt;
  if (fields.place !== before.place) update.place = fields.place;
  if (fields.organisation !== before.organisation) update.organisation = fields.organisation;
  if (fields.secretaryRunsVotes !== before.secretaryRunsVotes)
    update.voteManagers = voteManagersFor(fields.secretaryRunsVotes);
  if (!sameDefaults(fields.voteDefaults, before.voteDefaults)) update.voteDefaults = fields.voteDefaults;
  return Object.keys(update).length > 2 ? update : null;
}
