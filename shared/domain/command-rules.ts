import type { CommandName, MeetingRole, MeetingStatus, RequestName } from '../protocol/index.js';
import {
  canCreateMeeting,
  canInMeeting,
  canListUsers,
  canManageDevices,
  canManagePeople,
  canReadAuditLog,
  hasVote,
  type Actor,
  type MeetingAction,
} from './permissions.js';
import { LIFECYCLE_COMMAND_RULES, LIFECYCLE_REQUEST_RULES } from './lifecycle-rules.js';

/**
 * What a sender must be allowed before the server looks at anything else in a command or a
 * request. Declared once so that the protocol reference renders its role table from the
 * same functions the server decides with, and a test holds the real server to it.
 *
 * - a `MeetingAction`: `canInMeeting` with the sender's role in that meeting;
 * - `create-meeting`: `canCreateMeeting` (there is no meeting, hence no role, yet);
 * - `own-ballot`: may see the meeting and holds a vote in it (`hasVote`);
 * - `self-or-attendance:manage`: the meeting is published; oneself if one has attendance,
 *   another participant with `attendance:manage`;
 * - `signed-in`: any signed-in user (the answer holds only what they may see);
 * - `list-users`: `canListUsers`;
 * - `manage-devices`: `canManageDevices` (admins);
 * - `manage-people`: `canManagePeople` (admins, and accounts given `managesPeople`).
 */
export type AccessGate =
  | MeetingAction
  | 'create-meeting'
  | 'own-ballot'
  | 'self-or-attendance:manage'
  | 'signed-in'
  | 'list-users'
  | 'manage-devices'
  | 'manage-people'
  /** `canReadAuditLog` (and other administration): admins alone. */
  | 'admin';

export interface AccessRule {
  gate: AccessGate;
  /** What the server checks after the gate, in the words and codes an integrator acts on. */
  conditions: readonly string[];
}

/** Observers (the room display among them) are not counted, so they have no attendance. */
export const NO_ATTENDANCE_ROLES: readonly MeetingRole[] = ['observer'];

export function hasAttendance(role: MeetingRole | null): boolean {
  return role !== null && !NO_ATTENDANCE_ROLES.includes(role);
}

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

const VOTE_MANAGER_RULE =
  "Vote managers: in a published meeting the chair, and the secretary where the meeting's `voteManagers` names it; an admin in any meeting.";

const SESSION_RUNNER_RULE =
  'The chair of a published meeting (an admin too); not the secretary or delegates (`FORBIDDEN`).';

const ANNOTATION_OWNER_RULE =
  'The chair, a delegate or a secretary, in their own name; not observers, not an admin who is no participant (`FORBIDDEN`).';
const OWN_ANNOTATION_RULE =
  "Only the sender's own annotation: another person's, or none, answers `NOT_FOUND` (the same answer, so ids cannot be probed). A deleted one changes nothing (the receipt comes without `rev`).";

const MESSAGE_PRIVACY =
  "Never in the meeting's changes: a request goes to its sender's devices, the meeting's secretaries and (`chairMaySee`) the chair, each in their own room (`message:changed`). Its text is never written to the audit log.";
const OWN_REQUEST_RULE =
  "Only a request of the meeting the sender may see: another person's, a notice, or none answers `NOT_FOUND` (the same answer, so ids cannot be probed).";

export const COMMAND_RULES: { readonly [N in CommandName]: AccessRule } = {
  ...LIFECYCLE_COMMAND_RULES,
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
  'documents:recall': {
    gate: 'documents:manage',
    conditions: [
      'Only after `meeting:close` (`MEETING_NOT_CLOSED`); once (`DOCUMENTS_RECALLED` after that).',
      "Every participant's devices delete the meeting's papers; only secretaries and admins still list and read them.",
    ],
  },
  'document:update': {
    gate: 'documents:manage',
    conditions: [
      'The document must belong to the meeting (`NOT_FOUND`); an `agendaItemId` must be an item of it (`NOT_FOUND`).',
      'A new `visibleTo` takes effect at once: users who lose access get `document:changed` with `removed` (reason `access`) and their devices delete the copy.',
      'A document being presented cannot become restricted (`RESTRICTED_DOCUMENT`).',
    ],
  },
  'document:remove': {
    gate: 'documents:manage',
    conditions: [
      'The document must belong to the meeting (`NOT_FOUND`). Every version goes; devices delete their copies.',
    ],
  },
  'presenter:show': {
    gate: 'presentation:run',
    conditions: [
      'The chair or a secretary, in a published meeting (`FORBIDDEN` otherwise).',
      'A document of the meeting every participant may see (`RESTRICTED_DOCUMENT` for a restricted one), and a page it has (`VALIDATION_FAILED`).',
    ],
  },
  'presenter:stop': { gate: 'presentation:run', conditions: ['The chair or a secretary, in a published meeting.'] },
  'session:start': {
    gate: 'session:run',
    conditions: [
      SESSION_RUNNER_RULE,
      'Once (`CONFLICT` after that). The room goes to `itemId` (an item of the meeting, `NOT_FOUND` otherwise) or to the first item; its clock starts.',
    ],
  },
  'session:pause': {
    gate: 'session:run',
    conditions: [SESSION_RUNNER_RULE, 'A running session (`CONFLICT` otherwise). Every item clock stops.'],
  },
  'session:resume': {
    gate: 'session:run',
    conditions: [SESSION_RUNNER_RULE, 'A paused session (`CONFLICT` otherwise). The current item clock runs again.'],
  },
  'agenda:set-current': {
    gate: 'session:run',
    conditions: [
      SESSION_RUNNER_RULE,
      'After `session:start` (`CONFLICT` before); an item of the meeting (`NOT_FOUND`). The clock of the item left stops; the new one counts on from its own time so far.',
    ],
  },
  'speaker:request': {
    gate: 'speaker:request',
    conditions: [
      'The chair or a delegate of a published meeting, in their own name; not secretaries, observers or an admin who is no participant (`FORBIDDEN`).',
      'One live request per person: while one waits or has the floor, another is refused (`ALREADY_IN_QUEUE`). A `requestId` already used answers `CONFLICT`.',
      'An ordinary request goes to the end of the queue; a point of order after the points of order already waiting, ahead of every ordinary one. 20 requests per person in 10 minutes (`CONFLICT` past it).',
    ],
  },
  'speaker:withdraw': {
    gate: 'speaker:request',
    conditions: [
      "The sender's own request (`NOT_FOUND` for another's), while it waits (`CONFLICT` once given the floor or ended).",
    ],
  },
  'speaker:give-floor': {
    gate: 'session:run',
    conditions: [
      SESSION_RUNNER_RULE,
      'A waiting request of the meeting (`NOT_FOUND`, `CONFLICT` if not waiting). Whoever had the floor is done; the speech is on the current item, timed from now, `limitSeconds` 10–3600 or null.',
    ],
  },
  'speaker:end': {
    gate: 'session:run',
    conditions: [SESSION_RUNNER_RULE, 'Ends the current speech; with nobody speaking it changes nothing.'],
  },
  'speaker:set-time': {
    gate: 'session:run',
    conditions: [
      SESSION_RUNNER_RULE,
      'Someone must have the floor (`CONFLICT`). The time counts from the start of the speech.',
    ],
  },
  'speaker:move': {
    gate: 'session:run',
    conditions: [
      SESSION_RUNNER_RULE,
      'A waiting request (`NOT_FOUND`/`CONFLICT`); an `index` past the end puts it last.',
    ],
  },
  'speaker:remove': {
    gate: 'session:run',
    conditions: [SESSION_RUNNER_RULE, 'A waiting request (`NOT_FOUND`/`CONFLICT`); it stays on record as removed.'],
  },
  'minutes:save': {
    gate: 'minutes:edit',
    conditions: [
      'A secretary (or an admin) of a published or closed meeting (`FORBIDDEN` otherwise; `NOT_FOUND` for a draft meeting to others).',
      '`baseVersion` must be the version saved last, 0 before the first save (`STALE_EDIT`). The content is checked whole (`VALIDATION_FAILED`, at most 60 KiB as JSON).',
      "Never in the meeting's changes: the secretaries and the chair get `minutes:changed` with the new version.",
    ],
  },
  'minutes:finalize': {
    gate: 'minutes:edit',
    conditions: [
      'A secretary (or an admin) of a published or closed meeting (`FORBIDDEN` otherwise; `NOT_FOUND` for a draft meeting to others).',
      '`version` must be the draft as saved last (`STALE_EDIT`). The server renders it to PDF and the chair may sign; a round already open is abandoned (the secretary starts again), and so is one open when the draft is saved again.',
      "Never in the meeting's changes: `minutes:get` answers the round (`signing`).",
    ],
  },
  'minutes:sign': {
    gate: 'minutes:sign',
    conditions: [
      'The chair or a secretary of a published or closed meeting, in their own name; not an admin who is neither (`FORBIDDEN`).',
      '`signingId` must be the revision prepared for the sender by `POST /api/meetings/{meetingId}/minutes/signing`, still awaiting its signature, at most 10 minutes old (`CONFLICT` otherwise: prepare again). The chair signs first, then a secretary.',
      "The CMS must be over that revision's byte range (`SIGNATURE_INVALID`), by a certificate that chains to the meeting CA or a trusted outside CA (`CERTIFICATE_UNTRUSTED`), valid now (`CERTIFICATE_EXPIRED`), not revoked (`CERTIFICATE_REVOKED`) and registered to the sender (`CERTIFICATE_NOT_YOURS`); it must fit the placeholder (`VALIDATION_FAILED`).",
      "After the secretary's signature the signed PDF becomes a document of the meeting every participant sees (`document:changed`), and `minutes.pdf` answers it.",
    ],
  },
  'document:approve': {
    gate: 'document:approve',
    conditions: [
      'The chair, a delegate or a secretary of a published (or closed) meeting, in their own name; not observers, not an admin who is no participant (`FORBIDDEN`).',
      'A document the sender may see (`NOT_FOUND` otherwise, as for one that does not exist); not after a recall (`DOCUMENTS_RECALLED`).',
      '`version` must be the current one (`STALE_DOCUMENT_VERSION`); `signedAt` within 5 minutes of the server (`SIGNING_TIME_SKEW`).',
      'The signature is checked over the statement rebuilt from the fields (`SIGNATURE_INVALID`), its certificate must chain to the meeting CA or a trusted outside CA (`CERTIFICATE_UNTRUSTED`), be valid now (`CERTIFICATE_EXPIRED`), not revoked (`CERTIFICATE_REVOKED`), and be registered to the sender (`CERTIFICATE_NOT_YOURS`).',
      'The same signature twice is refused (`SIGNATURE_REPLAYED`). A later decision of the same person on the same version is recorded too; the newest counts; 20 at most (`CONFLICT`).',
    ],
  },
  'vote:cast': {
    gate: 'own-ballot',
    conditions: [
      'Only voting members (chair and delegates) vote, each for themselves (`NO_VOTING_RIGHT`).',
      'The vote must be open and before its `closesAt` (`VOTE_NOT_OPEN`); the voter must be checked in (`NOT_PRESENT`).',
      'The choices must fit the vote (`INVALID_CHOICE`); one ballot per voter (`ALREADY_VOTED` unless `allowChange`).',
      'A change needs the same `ballotKey`, from the same voter (`OTHER_DEVICE_BALLOT`); 20 changes at most (`CONFLICT`).',
    ],
  },
  'annotation:save': {
    gate: 'annotation:write',
    conditions: [
      ANNOTATION_OWNER_RULE,
      'A document version of the meeting the sender may see (`NOT_FOUND` otherwise, as for one that does not exist); not after a recall (`DOCUMENTS_RECALLED`).',
      "An id that is another person's annotation answers `NOT_FOUND`; one that was deleted changes nothing (deleted stays deleted). A page the version does not have: `VALIDATION_FAILED`.",
      "Private unless shared: the annotation goes only to the sender's own devices (`annotation:changed` in their own room), never into the meeting's changes. The receipt carries its `rev`. 5000 annotations per person and document version at most (`CONFLICT`).",
    ],
  },
  'annotation:delete': { gate: 'annotation:write', conditions: [ANNOTATION_OWNER_RULE, OWN_ANNOTATION_RULE] },
  'annotation:share': {
    gate: 'annotation:write',
    conditions: [
      ANNOTATION_OWNER_RULE,
      OWN_ANNOTATION_RULE,
      "Everyone who may see the document gets it with the author's name (`annotation:changed`).",
    ],
  },
  'annotation:withdraw': {
    gate: 'annotation:write',
    conditions: [
      ANNOTATION_OWNER_RULE,
      OWN_ANNOTATION_RULE,
      'Those who had it get a tombstone (`shared: false`) and drop it.',
    ],
  },
  'message:request': {
    gate: 'message:request',
    conditions: [
      'The chair, a delegate or a secretary of a published meeting, in their own name; not observers, not an admin who is no participant (`FORBIDDEN`).',
      'The same topic and text again while the first is still open or acknowledged: `CONFLICT`. At most 10 requests per person and meeting in 10 minutes (`CONFLICT` past it).',
      MESSAGE_PRIVACY,
    ],
  },
  'message:answer': {
    gate: 'message:handle',
    conditions: [
      'A secretary of the published meeting (`FORBIDDEN` for anyone else, whatever the message id).',
      'A request of this meeting (`NOT_FOUND` otherwise); one done, declined or withdrawn is final (`CONFLICT`). A state, an answer text, or both (`VALIDATION_FAILED`).',
      "The sender's devices, the secretaries and (if chosen) the chair get the request as it is now.",
    ],
  },
  'message:withdraw': {
    gate: 'message:request',
    conditions: [
      OWN_REQUEST_RULE,
      'Until it is done or declined (`CONFLICT` after); withdrawing it again changes nothing.',
    ],
  },
  'message:notice': {
    gate: 'message:notice',
    conditions: [
      'The chair or a secretary of a published meeting (`FORBIDDEN` for others).',
      '`to`: a participant of the meeting (`NOT_FOUND` otherwise), or null for every tablet of the meeting, observers too. At most 30 notices per sender and meeting in 10 minutes (`CONFLICT` past it).',
      "A notice to one person reaches that person, the chair and the secretaries only; never the meeting's changes.",
    ],
  },
};

export const REQUEST_RULES: { readonly [N in RequestName]: AccessRule } = {
  ...LIFECYCLE_REQUEST_RULES,
  'session:sync': {
    gate: 'signed-in',
    conditions: ['The answer lists only the meetings the user may see; a meeting missing from it must be dropped.'],
  },
  'meeting:catch-up': { gate: 'meeting:view', conditions: [] },
  'directory:list-users': {
    gate: 'list-users',
    conditions: [
      'Admins, accounts with `canCreateMeetings` or `managesPeople`, and whoever is the secretary of some meeting.',
    ],
  },
  'people:list': { gate: 'manage-people', conditions: ['Every account, disabled ones too.'] },
  'people:create': {
    gate: 'manage-people',
    conditions: [
      'A user name taken in any case: `CONFLICT`. Only an admin gives `managesPeople` (`FORBIDDEN`). The answer holds the one-time password, shown once; the person must choose another at the next sign-in.',
    ],
  },
  'people:update': {
    gate: 'manage-people',
    conditions: [
      'An unknown account: `NOT_FOUND`. Only an admin changes `managesPeople`, and only an admin edits an admin (`FORBIDDEN`).',
    ],
  },
  'people:set-disabled': {
    gate: 'manage-people',
    conditions: [
      'Nobody disables themselves, and only an admin disables an admin (`FORBIDDEN`). A disabled account is signed out everywhere at once.',
    ],
  },
  'people:reset-password': {
    gate: 'manage-people',
    conditions: [
      "Only an admin resets an admin's password (`FORBIDDEN`). The old password and every session of the person end; the answer holds the one-time password, shown once.",
    ],
  },
  'people:import': {
    gate: 'manage-people',
    conditions: [
      'CSV or .xlsx, header row `username,displayName,title,unit,seat,email`, at most 2000 rows. Any row refused: nobody is created, and `errors` names each row (header = row 1). `dryRun` checks only.',
    ],
  },
  'group:list': { gate: 'list-users', conditions: ['Every group with its members, for choosing participants.'] },
  'group:create': {
    gate: 'manage-people',
    conditions: ['A name another group has (in any case): `CONFLICT`; an unknown member: `NOT_FOUND`.'],
  },
  'group:update': {
    gate: 'manage-people',
    conditions: [
      'Sets the name and the members as a whole. `NOT_FOUND` for an unknown group or member; `CONFLICT` for a taken name.',
    ],
  },
  'account:change-password': {
    gate: 'signed-in',
    conditions: [
      "The sender's own password, the current one given again (`INVALID_CREDENTIALS`; 5 wrong in 10 minutes: `RATE_LIMITED`); the new one at least 10 characters and not the current one (`VALIDATION_FAILED`). Clears `mustChangePassword`; the person's other sessions end (their sockets are cut), this one's sockets then join the person's own room.",
    ],
  },
  'group:delete': { gate: 'manage-people', conditions: ['Meetings the group was added to keep their participants.'] },
  'vote:result': {
    gate: 'vote:manage',
    conditions: [
      VOTE_MANAGER_RULE,
      'Closed, published or cancelled-after-close votes only (`CONFLICT` otherwise). Each look is kept in the audit log.',
    ],
  },
  'document:list': {
    gate: 'meeting:view',
    conditions: [
      'Only the documents the user may see: every participant for an unrestricted one; for a restricted one the users and roles of its `visibleTo`, and the secretaries. After a recall, secretaries and admins only.',
    ],
  },
  'document:versions': {
    gate: 'meeting:view',
    conditions: ['A document the user may not see answers `NOT_FOUND`, like one that does not exist.'],
  },
  'document:search': {
    gate: 'meeting:view',
    conditions: ['Searches only the current versions of the documents the user may see.'],
  },
  'approval:list': {
    gate: 'meeting:view',
    conditions: ['The approvals and rejections of the documents the user may see, every version, oldest first.'],
  },
  'annotation:sync': {
    gate: 'signed-in',
    conditions: [
      "Only the sender's own annotations (tombstones too), written after `sinceRev`, in `rev` order, 500 at a time; only on documents they may still see.",
    ],
  },
  'annotation:list-shared': {
    gate: 'meeting:view',
    conditions: [
      'Annotations others shared in the meeting, on documents the sender may see, every version; never a private one.',
    ],
  },
  'minutes:get': {
    gate: 'minutes:read',
    conditions: [
      'A secretary or the chair (or an admin) of a published or closed meeting; delegates and observers are refused (`FORBIDDEN`).',
      "The draft as last saved (null before the first save) and the pre-fill from the meeting's record as it is now.",
    ],
  },
  'message:list': {
    gate: 'meeting:view',
    conditions: [
      'Only what the asker may see: their own requests (every request for a secretary; those whose sender chose so for the chair), notices to all, notices to them (every notice for the chair and secretaries). Newest first, 500 at most.',
    ],
  },
  'device:list': {
    gate: 'manage-devices',
    conditions: [
      "Admins only (`FORBIDDEN` for anyone else): every person's devices with first and last seen, certificates and revocation.",
    ],
  },
  'device:revoke': {
    gate: 'manage-devices',
    conditions: [
      'Admins only (`FORBIDDEN`). A device and person the server knows (`NOT_FOUND`); already revoked: `CONFLICT`.',
      'Every row of the device id is marked revoked, its certificates revoked (the CRL lists them), the sessions signed in from it ended and its sockets told `device:revoked` and cut; its next sign-in or connection is refused with `DEVICE_REVOKED`. One audit row, in the same transaction.',
    ],
  },
  'certificate:status': {
    gate: 'signed-in',
    conditions: [
      "One of the user's own certificates: `valid` or `revoked` (a revoked device wipes its cache); anyone else's, or none, answers `unknown`.",
    ],
  },
  'audit:list': {
    gate: 'admin',
    conditions: [
      'Admins only (`FORBIDDEN` for everyone else). Newest first, `limit` (default 50) at a time; `next` is the `before` of the following page.',
      "The first page checks every hash chain the filter covers and names where each breaks. A row shows its plain details only, never a vote's result.",
    ],
  },
};

/** Who sends, and where: the sender's account, their role in the meeting now, the meeting. */
export interface AccessAttempt {
  actor: Actor;
  role: MeetingRole | null;
  status: MeetingStatus;
  voteManagers?: readonly MeetingRole[];
  /** Attendance: whether the command names the sender. */
  self?: boolean;
  /** Every role the sender holds in any meeting (the directory is for those who prepare meetings). */
  rolesHeld?: readonly MeetingRole[];
}

export type GateRefusal = 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'NO_VOTING_RIGHT' | 'NO_ATTENDANCE';

/**
 * What the server answers a sender the gate stops, or null when it lets them through. A
 * meeting the sender may not see answers NOT_FOUND, never FORBIDDEN, so that the ids of
 * draft meetings do not leak.
 */
export function gateRefusal(gate: AccessGate, attempt: AccessAttempt): GateRefusal | null {
  const { actor, role, status, voteManagers } = attempt;
  if (gate === 'signed-in') return null;
  if (gate === 'create-meeting') return canCreateMeeting(actor) ? null : 'FORBIDDEN';
  if (gate === 'list-users') return canListUsers(actor, attempt.rolesHeld ?? []) ? null : 'FORBIDDEN';
  if (gate === 'manage-devices') return canManageDevices(actor) ? null : 'FORBIDDEN';
  if (gate === 'manage-people') return canManagePeople(actor) ? null : 'FORBIDDEN';
  if (gate === 'admin') return canReadAuditLog(actor) ? null : 'FORBIDDEN';
  const ctx = { role, status, ...(voteManagers ? { voteManagers } : {}) };
  if (!canInMeeting(actor, 'meeting:view', ctx)) return 'NOT_FOUND';
  switch (gate) {
    case 'own-ballot':
      return hasVote(role) ? null : 'NO_VOTING_RIGHT';
    case 'self-or-attendance:manage':
      if (status !== 'published') return 'CONFLICT';
      if (!attempt.self) return canInMeeting(actor, 'attendance:manage', ctx) ? null : 'FORBIDDEN';
      if (role === null) return 'NOT_FOUND';
      return hasAttendance(role) ? null : 'NO_ATTENDANCE';
    default:
      return canInMeeting(actor, gate, ctx) ? null : 'FORBIDDEN';
  }
}
