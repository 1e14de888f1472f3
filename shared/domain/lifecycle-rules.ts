import type { AccessRule } from './access-gates.js';

/**
 * The rules of the commands and the request of a meeting over time (issue 13), kept apart
 * from command-rules.ts (which holds the session's) and spread into its tables.
 */
const NOT_CLOSED = 'Not a closed meeting (`CONFLICT`); not one already cancelled (`MEETING_CANCELLED`).';

export const LIFECYCLE_COMMAND_RULES = {
  'meeting:cancel': {
    gate: 'meeting:cancel',
    conditions: [
      'The secretary or the chair (an admin too).',
      NOT_CLOSED,
      'No vote open or closed and not yet published (`VOTE_IN_PROGRESS`).',
      'The meeting then refuses votes, ballots, attendance, the session, the agenda and replies (`MEETING_CANCELLED`); every participant gets the cancellation and its reason in `meeting:cancelled`.',
    ],
  },
  'meeting:postpone': {
    gate: 'meeting:cancel',
    conditions: [
      'The secretary or the chair (an admin too).',
      NOT_CLOSED,
      'Not once the session has started (`CONFLICT`).',
      "`startsAt` becomes the meeting's date; null keeps the old one and marks the new date as to be announced. Every participant gets it in `meeting:postponed`.",
    ],
  },
  'meeting:archive': {
    gate: 'meeting:archive',
    conditions: [
      'A secretary (an admin too).',
      'Only a closed or cancelled meeting, or one whose start is past (`CONFLICT`). Archiving it again, or bringing back one not archived, changes nothing.',
    ],
  },
  'meeting:copy': {
    gate: 'meeting:copy',
    conditions: [
      'A secretary of `sourceMeetingId` (an admin too) who may also create meetings (`FORBIDDEN`).',
      'A `meetingId` already in use: `CONFLICT`.',
      "The new draft has the source's agenda (new item ids), participants and roles, vote settings, place and organisation, with the new title and date; the sender is its secretary. Never its votes, documents, attendance, minutes, invitations or messages.",
    ],
  },
  'invitation:reply': {
    gate: 'invitation:reply',
    conditions: [
      'A delegate of a sent-out meeting, for themselves only: there is no user id to name. Only delegates are invited; the chair, secretaries, observers (the room display) and an admin who is no participant: `FORBIDDEN`.',
      'An absence needs a reason (`VALIDATION_FAILED`). The reply may change until the session starts or the meeting closes (`CONFLICT`); not in a cancelled meeting (`MEETING_CANCELLED`).',
      "Never in the meeting's changes: `invitation:changed` goes to the person, the secretaries and the chair. The reason is never written to the audit log.",
    ],
  },
} as const satisfies Record<string, AccessRule>;

export const LIFECYCLE_REQUEST_RULES = {
  'invitation:list': {
    gate: 'meeting:view',
    conditions: [
      "Every invitation and reply (with its reason) for the meeting's secretaries, chair and admins; anyone else gets their own only.",
    ],
  },
} as const satisfies Record<string, AccessRule>;
