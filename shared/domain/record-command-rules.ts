import type { CommandName } from '../protocol/index.js';
import type { AccessRule } from './access-gates.js';

const ANNOTATION_OWNER_RULE =
  'The chair, a delegate or a secretary, in their own name; not observers, not an admin who is no participant (`FORBIDDEN`).';
const OWN_ANNOTATION_RULE =
  "Only the sender's own annotation: another person's, or none, answers `NOT_FOUND` (the same answer, so ids cannot be probed). A deleted one changes nothing (the receipt comes without `rev`).";

const MESSAGE_PRIVACY =
  "Never in the meeting's changes: a request goes to its sender's devices, the meeting's secretaries and (`chairMaySee`) the chair, each in their own room (`message:changed`). Its text is never written to the audit log.";
const OWN_REQUEST_RULE =
  "Only a request of the meeting the sender may see: another person's, a notice, or none answers `NOT_FOUND` (the same answer, so ids cannot be probed).";

const ACTION_ITEM_GATE =
  'A secretary (or an admin) of a published or closed meeting (`FORBIDDEN` otherwise; `NOT_FOUND` for a draft meeting to others); not in a cancelled (`MEETING_CANCELLED`) or archived (`MEETING_ARCHIVED`) meeting.';
const ACTION_ITEM_PRIVACY =
  "Never in the meeting's changes; the audit row keeps the item's key and source, not its text.";

/**
 * The rules of the commands that put something on record in a person's name or for the
 * desk: the minutes and their signatures, approvals, ballots, annotations and messages.
 * Spread into `COMMAND_RULES` (command-rules.ts) in this order, which the protocol
 * reference keeps.
 */
export const RECORD_COMMAND_RULES = {
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
  'action-item:confirm': {
    gate: 'minutes:edit',
    conditions: [
      ACTION_ITEM_GATE,
      "`itemKey` must be a sentence the assistant finds at `source` now: a page of a version of a paper the sender may see, or a text of the minutes' draft (`NOT_FOUND` otherwise, as for a paper that does not exist). An item decided before is confirmed again whatever its source holds now.",
      "With a draft of the minutes, the task goes under its agenda item as the draft's next version (`minutes:changed`); a draft that would grow past its limit refuses it (`VALIDATION_FAILED`).",
      ACTION_ITEM_PRIVACY,
    ],
  },
  'action-item:edit': {
    gate: 'minutes:edit',
    conditions: [
      ACTION_ITEM_GATE,
      'Only a confirmed item (`NOT_FOUND` for one never decided or of a paper the sender may not see, `CONFLICT` for a dropped one). Its task in the draft changes with it.',
      ACTION_ITEM_PRIVACY,
    ],
  },
  'action-item:drop': {
    gate: 'minutes:edit',
    conditions: [
      ACTION_ITEM_GATE,
      'As `action-item:confirm` for `itemKey` and `source`. A confirmed item leaves the draft.',
      ACTION_ITEM_PRIVACY,
    ],
  },
  'action-item:undo': {
    gate: 'minutes:edit',
    conditions: [
      ACTION_ITEM_GATE,
      'Only a decided item (`NOT_FOUND` otherwise): it becomes a candidate again, and a confirmed one leaves the draft.',
      ACTION_ITEM_PRIVACY,
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
  'document:opened': {
    gate: 'meeting:view',
    conditions: [
      "A version of a document of the meeting the sender may see, by the document list's rule (`NOT_FOUND` otherwise, as for one that does not exist, and nothing is recorded); not after a recall (`DOCUMENTS_RECALLED`).",
      "Recorded for the sender alone, and only upwards: the highest version opened counts (opening an older one from the history changes nothing). Never in the meeting's changes nor in the audit log.",
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
} satisfies { readonly [N in CommandName]?: AccessRule };
