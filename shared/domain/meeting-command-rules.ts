import type { CommandName } from '../protocol/index.js';
import type { AccessRule } from './access-gates.js';

const ROLE_CHANGE_RULES = [
  'Nobody changes their own role (`OWN_ROLE`).',
  'In a published meeting only an admin names or replaces the chair (`CHAIR_ADMIN_ONLY`).',
  'While a vote is open nobody becomes or stops being a voting member (chair, delegate) or one who runs votes (the secretary where `voteManagers` names it) (`VOTE_IN_PROGRESS`).',
  'A meeting keeps at least one secretary (`CONFLICT`).',
];

const ATTENDANCE_RULES = [
  'The meeting must be published (`CONFLICT` before that).',
  'Oneself: any participant with attendance. Another participant: the secretary or the chair (`FORBIDDEN` for others).',
  'Observers have no attendance (`NO_ATTENDANCE`); the named user must be a participant (`NOT_FOUND`).',
  'Sending the state a participant already has changes nothing: the receipt comes without a change.',
  'While a vote is open, only the participant changes their own attendance (`VOTE_IN_PROGRESS` for others).',
  "A participant's own changes, and others' changes for them, are each bounded to 12 in 10 minutes (`CONFLICT` past it).",
];

/** Also a condition of `vote:result` (request-rules.ts). */
export const VOTE_MANAGER_RULE =
  "Vote managers: in a published meeting the chair, and the secretary where the meeting's `voteManagers` names it; an admin in any meeting.";

/**
 * The rules of the commands that prepare a meeting and run its votes: the meeting itself,
 * its agenda, participants and attendance, the votes and the close. Spread into
 * `COMMAND_RULES` (command-rules.ts) in this order, which the protocol reference keeps.
 */
export const MEETING_COMMAND_RULES = {
  'meeting:create': {
    gate: 'create-meeting',
    conditions: [
      "Admins and accounts with `canCreateMeetings`. The sender becomes the new meeting's secretary.",
      'A `meetingId` already in use: `CONFLICT`.',
    ],
  },
  'meeting:update': {
    gate: 'meeting:edit',
    conditions: [
      'At least one field to change besides `baseVersion` (`VALIDATION_FAILED`).',
      "`baseVersion` must be the meeting's current `version` (`STALE_EDIT`).",
      '`voteManagers` cannot change while a vote is open (`VOTE_IN_PROGRESS`).',
    ],
  },
  'meeting:publish': {
    gate: 'meeting:publish',
    conditions: [
      'Once: a published meeting answers `CONFLICT`.',
      'Every participant is sent `session:refresh`: delegates and observers see the meeting from now on.',
    ],
  },
  'agenda:add-item': {
    gate: 'agenda:edit',
    conditions: [
      'Two levels at most, items and sub-items (`CONFLICT`); an unknown `parentId`: `NOT_FOUND`.',
      'An `itemId` already used, in any meeting: `CONFLICT`.',
    ],
  },
  'agenda:update-item': {
    gate: 'agenda:edit',
    conditions: [
      'At least one of `title`, `presenter`, `plannedMinutes` (`VALIDATION_FAILED`).',
      "`baseVersion` must be the item's current `version` (`STALE_EDIT`); an unknown item: `NOT_FOUND`.",
    ],
  },
  'agenda:move-item': {
    gate: 'agenda:edit',
    conditions: [
      'Not into itself and not below the second level (`CONFLICT`); an unknown item or parent: `NOT_FOUND`.',
      'An `index` past the end places the item last.',
    ],
  },
  'agenda:remove-item': {
    gate: 'agenda:edit',
    conditions: [
      "Removes the sub-items with it. `baseVersion` must be the item's current `version` (`STALE_EDIT`); an unknown item: `NOT_FOUND`.",
    ],
  },
  'participant:set': {
    gate: 'participants:edit',
    conditions: [...ROLE_CHANGE_RULES, 'An unknown or disabled user: `NOT_FOUND`.'],
  },
  'participants:add-group': {
    gate: 'participants:edit',
    conditions: [
      ...ROLE_CHANGE_RULES,
      'An unknown group: `NOT_FOUND`. Members already taking part (in any role) and disabled accounts are skipped; the receipt counts `added` and `skipped`. All added in one transaction, or none.',
    ],
  },
  'participant:remove': {
    gate: 'participants:edit',
    conditions: [...ROLE_CHANGE_RULES, 'A user who is not a participant: `NOT_FOUND`.'],
  },
  'attendance:check-in': { gate: 'self-or-attendance:manage', conditions: ATTENDANCE_RULES },
  'attendance:check-out': { gate: 'self-or-attendance:manage', conditions: ATTENDANCE_RULES },
  'vote:create': {
    gate: 'vote:manage',
    conditions: [
      VOTE_MANAGER_RULE,
      '`agendaItemId` must be an item of this meeting (`NOT_FOUND`); a `voteId` already in use: `CONFLICT`.',
    ],
  },
  'vote:update': {
    gate: 'vote:manage',
    conditions: [
      VOTE_MANAGER_RULE,
      'Drafts only (`CONFLICT`): once open, the question and the rules are fixed.',
      "`baseVersion` must be the vote's current `version` (`STALE_EDIT`).",
    ],
  },
  'vote:open': {
    gate: 'vote:manage',
    conditions: [
      VOTE_MANAGER_RULE,
      'Drafts only (`CONFLICT`). With `durationSeconds` the vote closes by itself at `closesAt`.',
      'Not while another vote of the meeting is closed and neither published nor cancelled (`CONFLICT`).',
    ],
  },
  'vote:close': {
    gate: 'vote:manage',
    conditions: [
      VOTE_MANAGER_RULE,
      'Open votes only (`CONFLICT`). Counts the ballots (the result goes into the audit row of the close); it stays hidden until `vote:publish` or a cancel.',
    ],
  },
  'vote:publish': {
    gate: 'vote:manage',
    conditions: [VOTE_MANAGER_RULE, "Closed votes only (`CONFLICT`). The vote's `result` becomes visible to all."],
  },
  'vote:cancel': {
    gate: 'vote:manage',
    conditions: [
      VOTE_MANAGER_RULE,
      'Draft, open or closed votes (`CONFLICT` otherwise). A vote that was opened needs a `reason` (`REASON_REQUIRED`).',
      'A closed vote cancelled shows its result to all, marked cancelled.',
    ],
  },
  'meeting:close': {
    gate: 'meeting:close',
    conditions: [
      'The chair or a secretary (an admin too), of a published meeting (`FORBIDDEN` otherwise).',
      'No vote may be open, and a closed vote must be published or cancelled first (`VOTE_IN_PROGRESS`).',
      'After it no vote, attendance or presentation; the record and the papers stay.',
    ],
  },
} satisfies { readonly [N in CommandName]?: AccessRule };
