import {
  ABSTAIN,
  quorumRequired,
  votesRequired,
  type MajorityBase,
  type MajorityRule,
  type QuorumRule,
} from '../../domain/index.js';
import { SYSTEM_ACTOR_ID } from '../entities.js';
import { ERROR_CATALOGUE, RETRYABLE_ERRORS, type ErrorCode } from '../errors.js';
import { CHANGES_READ_FOR_CATCH_UP, SNAPSHOT_AFTER_CHANGES } from '../requests.js';
import {
  EVENT_BUDGET,
  EVENT_COSTS,
  MAX_SOCKETS_PER_SESSION,
  MAX_SOCKETS_PER_USER,
  SOCKET_MAX_MESSAGE_BYTES,
} from '../socket.js';
import { QUESTION_OPTIONS, VoteOptionsSchema } from '../votes.js';
import { ERROR_NOTES } from './notes.js';

/** The prose of the reference: what the schemas cannot show, with every number taken from the code. */

const KIB = SOCKET_MAX_MESSAGE_BYTES / 1024;
const quoted = (values: readonly string[]) => values.map((v) => `\`"${v}"\``).join(', ');

export function renderConnecting(): string[] {
  return [
    '## Connecting',
    '',
    '1. `POST /api/auth/login` with `{ "username", "password" }` answers a `token` and its `expiresAt`.',
    '2. Open a Socket.IO v4 connection to the same host and port (default path `/socket.io`) with the handshake',
    '   `auth: { "token": "<token>" }` (python-socketio: `sio.connect(url, auth={"token": token})`, and',
    '   `sio.call(event, payload)` to wait for the acknowledgement).',
    '3. Send `session:sync` (below) at once and after every reconnection, then listen to `meeting:changes`.',
    '',
    'A refused connection is a Socket.IO connect error whose `message` is the bare code and whose `data` is',
    '`{ "code", "message": { "vi", "en" } }` (the message to show):',
    '',
    '| `message` / `data.code` | when | what to do |',
    '| --- | --- | --- |',
    '| `UNAUTHENTICATED` | no token, an unknown or expired one, a signed-out session, a disabled account | sign in again |',
    '| `RATE_LIMITED` | too many sockets open for this sign-in, or for this user (`data.message` says which) | close a socket; one per sign-in is enough |',
    '| `DEVICE_REVOKED` | the handshake names a device (`auth.device`) an admin revoked, whatever the token | erase everything held on the device and show the message |',
    '| `VALIDATION_FAILED` | `auth.device` is not `{ "id": <UUID>, "name": <text ≤ 100>, "platform": "desktop" \\| "browser" }` | send a well-formed one, or none |',
    '',
    'A client should name its device, with the same `device` in the sign-in body and the handshake',
    "(`auth: { token, device }`): the server records when each person's device was last seen (at most once a",
    'minute), a token signed in from one device opens no socket naming another, and an admin can revoke the',
    'device (`device:revoke`): its sockets get `device:revoked` and are cut, its sessions end, its certificates',
    'are revoked (the CRL lists them), and its next sign-in or connection is refused `DEVICE_REVOKED`.',
    '',
    'While connected:',
    '',
    '- Every event checks the session again. Once it has ended (sign-out, expiry, disabled account) the event is',
    '  answered `UNAUTHENTICATED` and the socket is disconnected. Signing out disconnects every socket of that',
    '  session at once; a socket that only listens is cut within a minute of its session expiring.',
    `- A socket message larger than ${KIB} KiB closes that socket: there is **no answer** and no \`server:error\`, just a`,
    '  disconnect. Do not send it again. Documents travel over HTTP only.',
    `- Each user has one event budget over all their sockets (on every node of a deployment): a burst of ${EVENT_BUDGET.burst}, then ${EVENT_BUDGET.perSecond} a second. Most events`,
    `  cost 1; ${Object.entries(EVENT_COSTS)
      .map(([name, cost]) => `\`${name}\` ${cost}`)
      .join(', ')}. An event past the budget is`,
    '  answered `RATE_LIMITED` and changes nothing: keep the command, slow down, and send it again later with the',
    `  same \`commandId\`. At most ${MAX_SOCKETS_PER_SESSION} sockets per sign-in and ${MAX_SOCKETS_PER_USER} per user (on each node, where`,
    '  several nodes serve one deployment). Several nodes answer alike: a command sent again to another node with',
    '  the same `commandId` is answered with the first receipt, `replayed: true`.',
    '- An event the server does not know is answered `UNKNOWN_EVENT`.',
    '',
  ];
}

export function renderConventions(): string[] {
  return [
    '## Conventions',
    '',
    '- Every client→server event takes one payload object and an acknowledgement callback. The acknowledgement is',
    '  [Ack](#ack): `{ "ok": true, "data": … }` or `{ "ok": false, "error": { "code", "message": { "vi", "en" }, "issues"? } }`.',
    '  An event sent without a callback gets its error, if any, as a `server:error` event.',
    '- Payloads are strict: an unknown field, a wrong type or a `__proto__` key is answered `VALIDATION_FAILED`',
    '  with `issues` (`path`, `message`) per field. Text fields are trimmed before their length is checked.',
    '- Ids are UUIDs. Clients make the ids of what they create (`meetingId`, `itemId`, `voteId`) and of each',
    '  command (`commandId`); UUIDv7 is recommended (time-ordered, safe to make offline).',
    '- Times are ISO 8601 with an offset, e.g. `2026-11-29T14:50:56.000Z`.',
    '- Commands change a meeting. The server applies a `commandId` once: sending the same id again with the same',
    '  payload answers the first receipt with `replayed: true` (safe after a lost answer); the same id with another',
    '  payload, or from another user, is refused with `DUPLICATE_COMMAND_ID`. A `vote:cast` is compared on its',
    '  meeting and vote only, so a replay never changes a ballot.',
    '- Every change of a meeting is a row of its change log with a gap-free `seq`, sent in a `meeting:changes`',
    '  batch to every socket that synced the meeting, the sender included, after the sender has its receipt. A',
    '  receipt carries the `seq` after the command; a command that changed nothing (a check-in of someone present,',
    '  a changed ballot) adds no change.',
    `- \`actorId\` \`${SYSTEM_ACTOR_ID}\` (\`SYSTEM_ACTOR_ID\`) is the server itself, never a user: a vote`,
    '  closed by its deadline.',
    '',
  ];
}

export function renderSync(): string[] {
  return [
    '## Staying in sync',
    '',
    '`session:sync` sends, per meeting the client holds, the `seq` of the last change it applied (`cursors`). It',
    'answers every meeting the user may see now (drop any other) and, for each, one [MeetingUpdate](#meetingupdate):',
    '`changes` after the cursor (possibly none), or a `snapshot` of the whole meeting when:',
    '',
    '- the request has no cursor for that meeting;',
    "- the cursor is ahead of the server's `seq` (the server was restored from a backup: the snapshot is the truth,",
    '  even if older than what the client holds);',
    `- the cursor is more than ${SNAPSHOT_AFTER_CHANGES} changes behind (\`SNAPSHOT_AFTER_CHANGES\`), counted after superseded`,
    `  ballot counts are left out (see below), or more than ${CHANGES_READ_FOR_CATCH_UP} changes behind in all.`,
    '',
    '`session:sync` also subscribes the socket to the live changes of exactly those meetings: a socket receives',
    '`meeting:changes` only for meetings it synced. `session:refresh` means the set of meetings changed (a meeting was',
    'published, the user was added or removed): sync again.',
    '',
    '`meeting:catch-up` answers one meeting the same way from `sinceSeq` (a snapshot if `sinceSeq` is ahead of the',
    `server or more than ${SNAPSHOT_AFTER_CHANGES} behind; otherwise the changes after it). A \`meeting:changes\` batch and`,
    "a catch-up's `changes` both continue from their `sinceSeq`: when it is above the `seq` held, ask",
    '`meeting:catch-up`; otherwise apply, in order, the changes whose `seq` is above the one held, and hold the last',
    "one's `seq`. Within one, `seq` may step over a `vote:ballot-counted` that a later count of the same vote makes",
    'moot (the server sends up to one batch per meeting every 50 ms, and 500 ballots cast together would otherwise',
    "be 500 messages to each of 500 tablets); counts are absolute, and a named vote's count lists the left-out",
    'voters in `voterIds`. A snapshot replaces everything held for the meeting, `myBallots` included.',
    '',
  ];
}

const RULE_WORDS: Record<MajorityRule, string> = {
  simple: 'more yes than no; abstentions do not count and the base is not used',
  absolute: 'yes is more than half of the base',
  'two-thirds': 'yes is at least two-thirds of the base (exactly two-thirds passes)',
  'three-quarters': 'yes is at least three-quarters of the base',
};
const BASE_WORDS: Record<MajorityBase, string> = {
  'yes-no': 'yes + no (elections: the ballots that are not `abstain`)',
  'yes-no-abstain': 'all ballots',
  present: 'members present when the vote closes (checked in, or voted in it)',
  members: 'all voting members (chair and delegates)',
};
const QUORUM_WORDS: Record<QuorumRule, string> = {
  none: 'no quorum',
  half: 'at least half of the members present',
  majority: 'more than half of the members present',
  'two-thirds': 'at least two-thirds of the members present',
};
/** A council's size, to show each rule as a number. */
const EXAMPLE = 15;

export function renderVotes(): string[] {
  const optionTypes = VoteOptionsSchema.options.map((o) => o.shape.type.value);
  const choices: Record<(typeof optionTypes)[number], string> = {
    'yes-no-abstain': `exactly one of ${quoted(QUESTION_OPTIONS)}`,
    candidates: `1 to \`seats\` different candidate \`id\`s, or \`"${ABSTAIN}"\` alone`,
  };
  return [
    '## Votes',
    '',
    'A vote is `draft` (editable with `vote:update`), then `open` (ballots accepted), `closed` (counted, result',
    'hidden), `published` (result visible to all); `vote:cancel` ends a draft, open or closed vote for good (an',
    'opened one only with a `reason`, kept in `cancelReason`). A closed vote that is cancelled shows its result to',
    'everyone, marked cancelled, so a result cannot be buried. Every participant sees every vote, drafts included.',
    '',
    '### Options and choices',
    '',
    '| `options.type` | `choices` of `vote:cast` |',
    '| --- | --- |',
    ...optionTypes.map((t) => `| \`${t}\` | ${choices[t]} |`),
    '',
    `Candidate ids: letters, digits, \`-\` and \`_\` (1 to 40), unique in the vote, never ${quoted(QUESTION_OPTIONS)}.`,
    '`seats` is at most the number of candidates.',
    '',
    '### Majority, base and quorum',
    '',
    `| \`rule\` | a question passes when | votes needed, base of ${EXAMPLE} |`,
    '| --- | --- | --- |',
    ...Object.entries(RULE_WORDS).map(
      ([rule, words]) =>
        `| \`${rule}\` | ${words} | ${rule === 'simple' ? '—' : votesRequired(rule as Exclude<MajorityRule, 'simple'>, EXAMPLE)} |`,
    ),
    '',
    '| `base` | counts |',
    '| --- | --- |',
    ...Object.entries(BASE_WORDS).map(([base, words]) => `| \`${base}\` | ${words} |`),
    '',
    `| \`quorum\` | met when | of ${EXAMPLE} members |`,
    '| --- | --- | --- |',
    ...Object.entries(QUORUM_WORDS).map(
      ([quorum, words]) => `| \`${quorum}\` | ${words} | ${quorumRequired(quorum as QuorumRule, EXAMPLE)} |`,
    ),
    '',
    'The quorum is counted on members present at the close. Outcomes (`result.outcome.outcome`): `no-quorum` when the',
    'quorum is not met (nothing else is decided); for a question `accepted` or `rejected` (as many yes as no is',
    '`rejected` under every rule; results published by older servers may carry `tie` for it, which means the same).',
    'An election ranks candidates by votes; with a rule other than `simple` a candidate also needs',
    '`votesRequired`. Outcome `elected` lists the winners in `elected`; candidates level for the last seat(s) are in',
    '`tied` (a run-off is needed), and the outcome is `tie` when no seat could be filled for that reason;',
    '`none-elected` when nobody qualifies.',
    '',
    '### Results',
    '',
    'A [VoteResult](#voteresult) is made at the close, and kept in the audit row of the close. `Vote.result` is null',
    'until `vote:publish` (or a cancel after the close), for everyone; the vote managers (see',
    '[Who may send what](#who-may-send-what)) may read it earlier with `vote:result`.',
    '',
    '### Ballots, secret votes and `myBallots`',
    '',
    '- Only voting members (chair and delegates) vote, each for themselves, once checked in. Each ballot is',
    '  acknowledged by its receipt.',
    '- `ballotKey`: the device makes 256 random bits for this user and vote (base64url, 43 characters, no padding),',
    '  derived from nothing else, and keeps it until the vote ends, then forgets it. Sending `vote:cast` again with',
    '  a new `commandId`, the same key and other choices changes the ballot, where `allowChange` is true; any other',
    "  key, or another voter's key, is answered `OTHER_DEVICE_BALLOT` and the first ballot stands.",
    '- A named vote tells who voted: `Vote.voterIds`, `vote:ballot-counted.voterId`, and after publishing',
    "  `result.named` with each voter's choices.",
    '- A secret vote tells how many voted, never who chose what: `voterIds`, `voterId` and `result.named` are null;',
    '  the `vote:ballot-counted` change names as `actorId` the user who opened the vote and carries a random',
    '  `commandId`.',
    '- `myBallots` (in a snapshot) lists the votes of the meeting the asking user has voted in: the snapshot is made',
    '  per user. For a secret vote no change tells the voter, so a client adds the vote to `myBallots` itself when',
    '  its `vote:cast` is answered `ok`.',
    '- A vote with `durationSeconds` closes by itself at `closesAt`, also across a server restart; its',
    '  `vote:closed` change has `actorId` `SYSTEM_ACTOR_ID`. A ballot after `closesAt` is answered `VOTE_NOT_OPEN`.',
    '',
  ];
}

export function renderErrors(): string[] {
  const rows = (Object.entries(ERROR_CATALOGUE) as Array<[ErrorCode, (typeof ERROR_CATALOGUE)[ErrorCode]]>).map(
    ([code, e]) =>
      `| \`${code}\` | ${e.http} | ${RETRYABLE_ERRORS.has(code) ? 'yes' : 'no'} | ${ERROR_NOTES[code] ?? ''} | ${e.vi} | ${e.en} |`,
  );
  return [
    '## Error codes',
    '',
    '**Retryable** codes are no verdict on the command: keep it and send it again later with the same `commandId`',
    '(a command that was applied after all is answered its receipt). Every other code is a refusal: drop the',
    'command and show the message. HTTP is the status of that code on HTTP routes.',
    '',
    '| code | HTTP | retryable | note | Tiếng Việt | English |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}
