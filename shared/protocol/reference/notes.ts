import type { ChangeType } from '../changes.js';
import type { ErrorCode } from '../errors.js';
import type { HTTP_ROUTES } from '../http.js';
import { COUNCIL_VOTE_DEFAULTS } from '../votes.js';
import type { FieldNotes } from './schema-text.js';

/**
 * What the schemas cannot say by themselves: what a field means and when it changes. A
 * note naming a field its schema lacks stops the rendering, so the notes cannot outlive
 * the fields they explain.
 */
export const FIELD_NOTES: Readonly<Record<string, FieldNotes>> = {
  Meeting: {
    status: '`draft` until `meeting:publish`. Only admins, the secretary and the chair see a draft.',
    voteManagers: 'Who runs votes: always `chair`; `secretary` too when listed.',
    voteDefaults: 'What a new vote starts with; each vote sets its own.',
    version: 'Rises with every edit. `meeting:update` sends it back as `baseVersion`.',
  },
  MeetingSummary: {
    myRole: "The asking user's role; null for an admin who takes no part.",
    seq: "The meeting's last change number.",
  },
  AgendaItem: {
    parentId: 'null for a top-level item (1, 2 …); the parent item for a sub-item (1.1, 1.2 …). Two levels at most.',
    position: 'Order among siblings, 0-based and without gaps. The number shown (2.1) follows from it.',
    version: 'Rises with every edit of title, presenter or minutes; sent back as `baseVersion`.',
  },
  Participant: {
    present: 'Checked in now. Observers are never present.',
  },
  Vote: {
    agendaItemId: 'The agenda item the vote belongs to, or null.',
    kind: '`secret`: nobody, not even the server log, links a ballot to its voter. See [Votes](#votes).',
    durationSeconds: 'Null: open until closed by hand.',
    status: '`draft` → `open` → `closed` → `published`; or `cancelled` from any of the first three.',
    closesAt: 'Set while open when the vote has a duration: it closes by itself then.',
    ballotCount: 'How many have voted, live while open.',
    voterIds: 'Named votes: who has voted (not what). Null for a secret vote.',
    result:
      'Null until the vote is published (or cancelled after its close), also for those who run it (they may ask `vote:result`).',
    cancelReason: 'Given when a vote that was opened is cancelled.',
    resultSignature: 'Set with the result when it is published: see [Signatures](#signatures).',
  },
  VoteOptions: {},
  VoteResult: {
    tally: 'Votes per option id, every option listed (zero included), `abstain` too.',
    ballots: 'Ballots counted. An election ballot may name several candidates.',
    present: 'Members present at the close: checked in then, or voted in this vote.',
    members: 'Voting members of the meeting (chair and delegates).',
    named: 'Named votes: each voter with their choices, by name. Null for a secret vote.',
  },
  OutcomeResult: {
    quorumRequired: 'Members that had to be present.',
    baseCount: 'What the majority was measured against; null for `simple`.',
    votesRequired: 'Votes needed to pass or to be elected; null for `simple`.',
    elected: 'Elections: candidate ids elected, most votes first.',
    tied: 'Elections: candidates tied for the last seat(s); a run-off is needed.',
  },
  MeetingSnapshot: {
    myBallots: 'Ids of the votes of this meeting the asking user has cast a ballot in. A snapshot is made per user.',
    seq: 'The change number the snapshot stands at: apply changes after it.',
  },
  'meeting:create': {
    voteManagers: 'Must contain `chair`, no role twice. Omitted: `["chair"]`.',
    voteDefaults: `Omitted: \`${JSON.stringify(COUNCIL_VOTE_DEFAULTS)}\` (more than half of all members).`,
  },
  'meeting:update': {
    baseVersion: "The meeting's `version` the edit was made on.",
    voteManagers: 'Must contain `chair`, no role twice.',
  },
  'agenda:add-item': { index: 'Place among the siblings; omitted or past the end means last.' },
  'agenda:update-item': { baseVersion: "The item's `version` the edit was made on." },
  'agenda:move-item': { index: 'Place among the new siblings; past the end means last.' },
  'attendance:check-in': { userId: 'Oneself, or (secretary, chair) another participant.' },
  'attendance:check-out': { userId: 'Oneself, or (secretary, chair) another participant.' },
  'document:approve': {
    reason: 'Required (not empty) to reject; `""` when approving without one.',
    signedAt: 'The time in the signed statement; within 5 minutes of the server.',
    signature: 'Base64 of the DER CMS over the statement: see [Signatures](#signatures).',
  },
  'vote:cancel': { reason: 'Needed once the vote was opened; every participant sees it.' },
  'vote:cast': {
    ballotKey:
      '43 characters of base64url: 256 random bits the device makes for this user and vote. See [Votes](#votes).',
    choices: 'Option ids: see [Votes](#votes).',
  },
  'message:request': {
    commandId: "Also the request's id (`messageId` of the other message commands).",
    text: 'The words, or `""` for none; at most 500 characters, kept NFC.',
    chairMaySee: 'The chair sees it too; the secretaries always do, and nobody else ever.',
  },
  'message:answer': {
    state: '`acknowledged` (being handled), `done` or `declined`; omitted: the state stays.',
    answer: 'Shown to the sender; omitted: the answer stays.',
  },
  'message:notice': {
    commandId: "Also the notice's id.",
    to: 'A participant of the meeting, or null for every tablet of the meeting (observers too).',
  },
  'meeting:postpone': { startsAt: 'The new date; null: to be announced (the old date is kept, `toBeAnnounced` set).' },
  'meeting:copy': { meetingId: 'The new meeting, made by the client.', sourceMeetingId: 'The meeting copied.' },
  'invitation:reply': { reason: 'Why the sender will be absent: required for `absent`, at most 500 characters.' },
  'session:sync': {
    cursors: 'Per meeting held: the `seq` of the last change applied. Omit a meeting to get a snapshot.',
  },
  'meeting:catch-up': { sinceSeq: 'The `seq` of the last change applied.' },
  Change: {
    seq: 'Gap-free per meeting, from 1.',
    at: 'Server time of the command.',
    actorId: 'Who did it. All zeros (`SYSTEM_ACTOR_ID`) when the server did it itself.',
    commandId: 'The command that made it; a random id matching no command for a secret ballot.',
  },
};

/** When each change is sent. Keyed by type, so that a new change type cannot go unexplained. */
export const CHANGE_NOTES: Readonly<Record<ChangeType, string>> = {
  'meeting:created': '`meeting:create`; followed by `participant:set` for the creator (secretary).',
  'meeting:updated': '`meeting:update`.',
  'meeting:published': '`meeting:publish`.',
  'agenda:item-added': '`agenda:add-item`. `upserted` holds the new item and every sibling whose position moved.',
  'agenda:item-updated': '`agenda:update-item`.',
  'agenda:item-moved': '`agenda:move-item`: every item whose parent or position changed.',
  'agenda:item-removed': '`agenda:remove-item`: `removed` holds the item and its sub-items.',
  'participant:set':
    '`participant:set`, and for the creator of a meeting; one per member added by `participants:add-group`.',
  'participant:removed': '`participant:remove`.',
  'attendance:checked-in': '`attendance:check-in` of someone absent.',
  'attendance:checked-out': '`attendance:check-out` of someone present.',
  'attendance:roll':
    'Sent only: in a `meeting:changes` batch or a catch-up, in place of two or more check-ins and check-outs in a row (not across a `participant:*` change). Apply it as those changes: `present` true for `checkedIn`, false for `checkedOut`.',
  'vote:created': '`vote:create`.',
  'vote:updated': '`vote:update`.',
  'vote:opened': '`vote:open`.',
  'vote:closed': '`vote:close`, or the deadline (`actorId` all zeros). `result` stays null until published.',
  'vote:published': '`vote:publish`: `vote.result` and `vote.resultSignature` are set.',
  'vote:cancelled': '`vote:cancel`: `cancelReason` is set for an opened vote, `result` for a closed one.',
  'meeting:closed': '`meeting:close`: `status` is `closed`, `closedAt` set.',
  'meeting:documents-recalled': '`documents:recall`: `documentsRecalledAt` set; devices delete the papers.',
  'meeting:cancelled': '`meeting:cancel`: `cancellation` set (when, reason); devices show it on the meeting.',
  'meeting:postponed':
    '`meeting:postpone`: `postponement` set (when, reason, the date it had, `toBeAnnounced`) and `startsAt` the new date.',
  'meeting:archived': '`meeting:archive`: `archivedAt` set, or null when brought back.',
  'presentation:changed': '`presenter:show` (a document and page) or `presenter:stop` (null).',
  'session:changed':
    '`session:start`, `session:pause`, `session:resume`, `agenda:set-current`, and `agenda:remove-item` of the current item (then `currentItemId` is null). The current item has run `itemSeconds[id]` plus (now − `itemSince`) while `itemSince` is set.',
  'speakers:changed':
    '`speaker:*` commands: the whole live queue, the speaker first (`state` `speaking`, timed from `startedAt` for `limitSeconds`), then the waiting in order. Replace the queue with it.',
  'vote:ballot-counted':
    'A first ballot of a voter (a changed ballot sends nothing). Secret vote: `voterId` null, `actorId` the user who opened the vote, `commandId` random.',
};

/** Where a code comes from, when the catalogue message does not say it. */
export const ERROR_NOTES: Readonly<Partial<Record<ErrorCode, string>>> = {
  UNAUTHENTICATED: 'Also a connect error. The socket is cut after it; keep the command for after signing in again.',
  RATE_LIMITED: 'Also a connect error (too many sockets).',
  NOT_FOUND: 'Also for a meeting the sender may not see.',
  PAYLOAD_TOO_LARGE: 'HTTP only: a socket message over the limit closes the socket instead.',
  OFFLINE: 'Never sent by the server: made by a client that has no connection.',
  IMPORT_REFUSED: '`POST /api/users/import` only: the body also holds `errors`, one per refused row.',
  INTERNAL: 'Send the command again with the same `commandId`: if it was applied after all, the answer is its receipt.',
};

/** The refusals of each route besides a malformed body (400) and an oversized one (413). */
type Route = (typeof HTTP_ROUTES)[number];
type RouteKey = Route extends infer R ? (R extends Route ? `${R['method']} ${R['path']}` : never) : never;
export const ROUTE_ERRORS: Record<RouteKey, readonly ErrorCode[]> = {
  'GET /api/health': [],
  'POST /api/auth/login': ['INVALID_CREDENTIALS', 'RATE_LIMITED', 'DEVICE_REVOKED'],
  'POST /api/auth/logout': ['UNAUTHENTICATED'],
  'GET /api/auth/me': ['UNAUTHENTICATED'],
  'POST /api/users': ['UNAUTHENTICATED', 'FORBIDDEN', 'CONFLICT'],
  'POST /api/users/import': ['UNAUTHENTICATED', 'FORBIDDEN', 'IMPORT_REFUSED'],
  'POST /api/meetings/{meetingId}/documents': [
    'UNAUTHENTICATED',
    'NOT_FOUND',
    'FORBIDDEN',
    'NOT_A_PDF',
    'DOCUMENT_TOO_LARGE',
    'UPLOAD_INCOMPLETE',
    'MEETING_CLOSED',
    'RESTRICTED_DOCUMENT',
    'RATE_LIMITED',
  ],
  'GET /api/meetings/{meetingId}/documents': ['UNAUTHENTICATED', 'NOT_FOUND'],
  'GET /api/documents/{documentId}/content': ['UNAUTHENTICATED', 'NOT_FOUND'],
  'GET /api/meetings/{meetingId}/search': ['UNAUTHENTICATED', 'NOT_FOUND', 'VALIDATION_FAILED'],
  'GET /api/meetings/{meetingId}/assistant/ask': ['UNAUTHENTICATED', 'NOT_FOUND', 'VALIDATION_FAILED', 'RATE_LIMITED'],
  'GET /api/meetings/{meetingId}/assistant/brief': ['UNAUTHENTICATED', 'NOT_FOUND', 'RATE_LIMITED'],
  'GET /api/meetings/{meetingId}/assistant/action-items': ['UNAUTHENTICATED', 'NOT_FOUND', 'RATE_LIMITED'],
  'GET /api/meetings/{meetingId}/annotations': ['UNAUTHENTICATED', 'NOT_FOUND'],
  'GET /api/documents/{documentId}/annotated': [
    'UNAUTHENTICATED',
    'NOT_FOUND',
    'VALIDATION_FAILED',
    'RATE_LIMITED',
    'CONFLICT',
  ],
  'GET /api/meetings/{meetingId}/minutes.pdf': ['UNAUTHENTICATED', 'NOT_FOUND', 'RATE_LIMITED'],
  'GET /api/meetings/{meetingId}/minutes.docx': ['UNAUTHENTICATED', 'NOT_FOUND', 'RATE_LIMITED'],
  'POST /api/meetings/{meetingId}/minutes/signing': ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  'GET /api/meetings/{meetingId}/minutes/signing/{signingId}.pdf': ['UNAUTHENTICATED', 'NOT_FOUND'],
  'GET /api/pki/ca': [],
  'GET /api/pki/ca.mobileconfig': [],
  'GET /api/pki/ca.crt': [],
  'GET /api/pki/crl': [],
  'POST /api/pki/enrollment-codes': ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED'],
  'POST /api/pki/enroll': ['UNAUTHENTICATED', 'ENROLLMENT_CODE_INVALID', 'CSR_INVALID', 'RATE_LIMITED'],
  'GET /api/pki/certificates': ['UNAUTHENTICATED'],
  'POST /api/pki/certificates/{fingerprint}/revoke': ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  'POST /api/pki/outside-certificates': [
    'UNAUTHENTICATED',
    'SIGNATURE_INVALID',
    'CERTIFICATE_UNTRUSTED',
    'CERTIFICATE_EXPIRED',
    'CERTIFICATE_REVOKED',
    'CERTIFICATE_NOT_YOURS',
    'SIGNING_TIME_SKEW',
  ],
  'GET /api/meetings/{meetingId}/approvals/export': ['UNAUTHENTICATED', 'NOT_FOUND', 'FORBIDDEN'],
};
