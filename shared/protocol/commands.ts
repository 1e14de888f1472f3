import { z } from 'zod';
import { IdSchema, MeetingRoleSchema, VoteManagersSchema, text } from './entities.js';
import { optionalText } from './primitives.js';
import { VisibleToSchema } from './documents.js';
import { DerBase64Schema, approvalFields } from './certificates.js';
import { BallotKeySchema, VoteDefaultsSchema, voteDefinitionFields } from './votes.js';
import { AnnotationInputSchema } from './annotations.js';
import { SpeakingSecondsSchema } from './session.js';
import { MinutesContentSchema } from './minutes.js';
import { MessageAnswerInputSchema, MessageNoticeInputSchema, MessageRequestInputSchema } from './messages.js';
import { InvitationReplyInputSchema } from './invitations.js';
import { lifecycleReason } from './meeting-lifecycle.js';
import { ActionItemEditsSchema, ActionItemKeySchema, ActionItemSourceSchema } from './action-items.js';

/**
 * Commands change a meeting. Each carries a client-made `commandId`; the server applies a
 * command id once and answers every replay with the first result.
 */
const command = { commandId: IdSchema };
const meetingRef = { ...command, meetingId: IdSchema };
/** The version of the thing as the editor saw it: an edit made on an older one is refused (STALE_EDIT). */
const baseVersion = z.number().int().nonnegative();

const meetingFields = {
  title: text(300),
  startsAt: z.iso.datetime({ offset: true }),
  place: text(300),
  organisation: text(300),
};

const agendaFields = {
  title: text(500),
  presenter: optionalText(200),
  plannedMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
};

export const COMMAND_SCHEMAS = {
  'meeting:create': z.strictObject({
    ...command,
    /** Made by the client so that an offline-created meeting can be referred to at once. */
    meetingId: IdSchema,
    ...meetingFields,
    voteManagers: VoteManagersSchema.optional(),
    voteDefaults: VoteDefaultsSchema.optional(),
  }),
  'meeting:update': z
    .strictObject({
      ...meetingRef,
      baseVersion,
      title: meetingFields.title.optional(),
      startsAt: meetingFields.startsAt.optional(),
      place: meetingFields.place.optional(),
      organisation: meetingFields.organisation.optional(),
      voteManagers: VoteManagersSchema.optional(),
      voteDefaults: VoteDefaultsSchema.optional(),
    })
    .refine((c) => c.title ?? c.startsAt ?? c.place ?? c.organisation ?? c.voteManagers ?? c.voteDefaults, {
      message: 'Nothing to change',
    }),
  'meeting:publish': z.strictObject({ ...meetingRef }),
  /** Ends a published meeting (no vote may be open): no more votes or attendance. */
  'meeting:close': z.strictObject({ ...meetingRef }),
  /** After the close: every device deletes the meeting's papers, and only secretaries still see them. */
  'documents:recall': z.strictObject({ ...meetingRef }),
  /**
   * Changes a document's title, agenda item or access list (null: every participant). The
   * devices of users who lose access delete their copies at once.
   */
  'document:update': z
    .strictObject({
      ...meetingRef,
      documentId: IdSchema,
      title: text(300).optional(),
      agendaItemId: IdSchema.nullable().optional(),
      visibleTo: VisibleToSchema.nullable().optional(),
    })
    .refine((c) => c.title !== undefined || c.agendaItemId !== undefined || c.visibleTo !== undefined, {
      message: 'Nothing to change',
    }),
  /** Takes a document (all its versions) out of the meeting. */
  'document:remove': z.strictObject({ ...meetingRef, documentId: IdSchema }),
  /**
   * Shows the room a document every participant may see, at a page; delegates who follow
   * are taken there. The chair or a secretary presents.
   */
  'presenter:show': z.strictObject({
    ...meetingRef,
    documentId: IdSchema,
    page: z.number().int().positive().max(100_000),
  }),
  'presenter:stop': z.strictObject({ ...meetingRef }),
  /** The chair opens the session; the room goes to `itemId`, or to the first item. */
  'session:start': z.strictObject({ ...meetingRef, itemId: IdSchema.optional() }),
  /** A break: every item's clock stops until `session:resume`. */
  'session:pause': z.strictObject({ ...meetingRef }),
  'session:resume': z.strictObject({ ...meetingRef }),
  /** The chair moves the room to an agenda item; tablets that follow go there. */
  'agenda:set-current': z.strictObject({ ...meetingRef, itemId: IdSchema }),
  /**
   * A participant asks to speak on the current item, or raises a point of order (ahead of
   * every ordinary request). `requestId` is made by the client so that it can withdraw a
   * request sent offline.
   */
  'speaker:request': z.strictObject({ ...meetingRef, requestId: IdSchema, pointOfOrder: z.boolean() }),
  /** The person takes back their own request while it waits. */
  'speaker:withdraw': z.strictObject({ ...meetingRef, requestId: IdSchema }),
  /** The chair gives the floor to a waiting request (ending the current speech), with an optional time. */
  'speaker:give-floor': z.strictObject({
    ...meetingRef,
    requestId: IdSchema,
    limitSeconds: SpeakingSecondsSchema.nullable(),
  }),
  /** The chair ends the current speech. */
  'speaker:end': z.strictObject({ ...meetingRef }),
  /** The chair sets (or lifts, with null) the current speaker's time, counted from their start. */
  'speaker:set-time': z.strictObject({ ...meetingRef, limitSeconds: SpeakingSecondsSchema.nullable() }),
  /** The chair puts a waiting request at `index` (0-based) of the queue. */
  'speaker:move': z.strictObject({
    ...meetingRef,
    requestId: IdSchema,
    index: z.number().int().nonnegative().max(10_000),
  }),
  /** The chair takes a waiting request out of the queue. */
  'speaker:remove': z.strictObject({ ...meetingRef, requestId: IdSchema }),
  /**
   * The secretary saves the whole draft of the minutes, made on `baseVersion` (0 for the
   * first save): a save on an older version is refused (`STALE_EDIT`).
   */
  'minutes:save': z.strictObject({ ...meetingRef, baseVersion, content: MinutesContentSchema }),
  /**
   * The secretary freezes the saved draft `version` for signing: the server renders it to PDF
   * and the chair may sign. A draft saved since is refused (`STALE_EDIT`). A round already
   * open is abandoned: the secretary starts again.
   */
  'minutes:finalize': z.strictObject({ ...meetingRef, version: z.number().int().positive() }),
  /**
   * The signer whose turn it is sends the detached CMS (DER, base64) they made on their
   * device over the byte range of the revision `signingId` prepared for them
   * (`POST /api/meetings/{meetingId}/minutes/signing`).
   */
  'minutes:sign': z.strictObject({ ...meetingRef, signingId: IdSchema, signature: DerBase64Schema(24_000) }),
  /**
   * The secretary confirms an action item the assistant found (`itemKey` at `source`, as
   * `GET …/assistant/action-items` lists it), optionally with who, what and when corrected.
   * A confirmed item goes into the minutes' draft, under its agenda item.
   */
  'action-item:confirm': z.strictObject({
    ...meetingRef,
    itemKey: ActionItemKeySchema,
    source: ActionItemSourceSchema,
    ...ActionItemEditsSchema,
  }),
  /** The secretary corrects a confirmed item's who, what or when (and its task in the draft). */
  'action-item:edit': z
    .strictObject({ ...meetingRef, itemKey: ActionItemKeySchema, ...ActionItemEditsSchema })
    .refine((c) => c.who !== undefined || c.what !== undefined || c.when !== undefined || c.whenIso !== undefined, {
      message: 'Nothing to change',
    }),
  /** The secretary drops an item: it is no task (a confirmed one leaves the draft). */
  'action-item:drop': z.strictObject({ ...meetingRef, itemKey: ActionItemKeySchema, source: ActionItemSourceSchema }),
  /** The secretary takes back a decision: the item is a candidate again (a confirmed one leaves the draft). */
  'action-item:undo': z.strictObject({ ...meetingRef, itemKey: ActionItemKeySchema }),
  /**
   * A participant approves (or rejects, with a reason) the current version of a document,
   * signed on their device: the server rebuilds the approval statement from these fields and
   * the document as it is, and records it only if the signature, its certificate (chain,
   * validity, revocation, bound to the sender) and the version all check out.
   */
  'document:approve': z
    .strictObject({ ...meetingRef, ...approvalFields })
    .refine((c) => c.decision === 'approve' || (c.reason ?? '').length > 0, {
      message: 'A rejection needs a reason',
      path: ['reason'],
    }),
  'agenda:add-item': z.strictObject({
    ...meetingRef,
    itemId: IdSchema,
    parentId: IdSchema.nullable(),
    /** Where among its siblings; omitted means last. */
    index: z.number().int().nonnegative().optional(),
    ...agendaFields,
  }),
  'agenda:update-item': z
    .strictObject({
      ...meetingRef,
      itemId: IdSchema,
      baseVersion,
      title: agendaFields.title.optional(),
      presenter: agendaFields.presenter.optional(),
      plannedMinutes: agendaFields.plannedMinutes.optional(),
    })
    .refine((c) => c.title !== undefined || c.presenter !== undefined || c.plannedMinutes !== undefined, {
      message: 'Nothing to change',
    }),
  'agenda:move-item': z.strictObject({
    ...meetingRef,
    itemId: IdSchema,
    parentId: IdSchema.nullable(),
    index: z.number().int().nonnegative(),
  }),
  /** Removes the item and its sub-items; refused (STALE_EDIT) if the item changed since it was shown. */
  'agenda:remove-item': z.strictObject({ ...meetingRef, itemId: IdSchema, baseVersion }),
  'participant:set': z.strictObject({ ...meetingRef, userId: IdSchema, role: MeetingRoleSchema }),
  'participant:remove': z.strictObject({ ...meetingRef, userId: IdSchema }),
  /**
   * Adds every member of a group who is not a participant yet, with one role, in one step;
   * members already taking part (in any role) and disabled accounts are skipped.
   */
  'participants:add-group': z.strictObject({ ...meetingRef, groupId: IdSchema, role: MeetingRoleSchema }),
  /** A participant checks in (themselves, or the secretary or chair for them). */
  'attendance:check-in': z.strictObject({ ...meetingRef, userId: IdSchema }),
  'attendance:check-out': z.strictObject({ ...meetingRef, userId: IdSchema }),
  'vote:create': z.strictObject({
    ...meetingRef,
    voteId: IdSchema,
    ...voteDefinitionFields,
  }),
  /** A draft vote is edited as a whole, before it opens. */
  'vote:update': z.strictObject({
    ...meetingRef,
    voteId: IdSchema,
    baseVersion,
    ...voteDefinitionFields,
  }),
  'vote:open': z.strictObject({ ...meetingRef, voteId: IdSchema }),
  'vote:close': z.strictObject({ ...meetingRef, voteId: IdSchema }),
  'vote:publish': z.strictObject({ ...meetingRef, voteId: IdSchema }),
  /** A draft needs no reason; an open or closed vote does (REASON_REQUIRED), and it is kept. */
  'vote:cancel': z.strictObject({ ...meetingRef, voteId: IdSchema, reason: text(500).optional() }),
  /**
   * The ballot of the signed-in user (nobody votes for another). `ballotKey` is a secret the
   * device makes for this user and vote (256 random bits): sending it again with other
   * choices changes the ballot, where the vote allows it, and only for the voter who cast it.
   */
  'vote:cast': z.strictObject({
    ...meetingRef,
    voteId: IdSchema,
    ballotKey: BallotKeySchema,
    choices: z.array(z.string().min(1).max(40)).min(1).max(100),
  }),
  /**
   * Saves one of the sender's own annotations as it is now (made or changed): private to its
   * author unless shared. Saving an annotation that was deleted changes nothing.
   */
  'annotation:save': z.strictObject({ ...meetingRef, annotation: AnnotationInputSchema }),
  /** Deletes one of the sender's own annotations for good (a tombstone stays so no device brings it back). */
  'annotation:delete': z.strictObject({ ...meetingRef, annotationId: IdSchema }),
  /** Shows one of the sender's own annotations to everyone who may see its document, with the author's name. */
  'annotation:share': z.strictObject({ ...meetingRef, annotationId: IdSchema }),
  /** Makes a shared annotation private again: the others' devices drop it. */
  'annotation:withdraw': z.strictObject({ ...meetingRef, annotationId: IdSchema }),
  /**
   * The sender opened this version of a paper in the reader (not a download: devices fetch
   * every paper ahead). Their brief shows what changed since the highest version so opened.
   */
  'document:opened': z.strictObject({ ...meetingRef, documentId: IdSchema, version: z.number().int().positive() }),
  /** A request to the meeting's secretaries (and the chair if chosen); its id is the `commandId`. */
  'message:request': z.strictObject({ ...meetingRef, ...MessageRequestInputSchema }),
  /** A secretary's answer to a request: a new state, a text, or both. */
  'message:answer': z
    .strictObject({ ...meetingRef, ...MessageAnswerInputSchema })
    .refine((c) => c.state !== undefined || (c.answer ?? '').length > 0, {
      message: 'A state, an answer, or both',
      path: ['state'],
    }),
  /** The sender takes back their own request before it is done or declined. */
  'message:withdraw': z.strictObject({ ...meetingRef, messageId: IdSchema }),
  /** The chair or a secretary to every tablet of the meeting, or to one participant; its id is the `commandId`. */
  'message:notice': z.strictObject({ ...meetingRef, ...MessageNoticeInputSchema }),
  /** Calls the meeting off, with the reason every participant's device shows. It then refuses votes, attendance and the session. */
  'meeting:cancel': z.strictObject({ ...meetingRef, reason: lifecycleReason }),
  /** Puts the meeting off to `startsAt`, or (null) to a date still to be announced, with the reason every device shows. */
  'meeting:postpone': z.strictObject({
    ...meetingRef,
    reason: lifecycleReason,
    startsAt: z.iso.datetime({ offset: true }).nullable(),
  }),
  /** Takes a closed, cancelled or past meeting out of the default list (`archived: false` brings it back). */
  'meeting:archive': z.strictObject({ ...meetingRef, archived: z.boolean() }),
  /**
   * A new draft `meetingId` made from `sourceMeetingId`: its agenda, participants and their
   * roles, vote settings, place and organisation; never its votes, documents, attendance or
   * minutes.
   */
  'meeting:copy': z.strictObject({
    ...command,
    meetingId: IdSchema,
    sourceMeetingId: IdSchema,
    title: meetingFields.title,
    startsAt: meetingFields.startsAt,
  }),
  /** The sender's own answer to their invitation: attend, or absent with a reason. */
  'invitation:reply': z
    .strictObject({ ...meetingRef, ...InvitationReplyInputSchema })
    .refine((c) => c.reply === 'attend' || c.reason.length > 0, {
      message: 'An absence needs a reason',
      path: ['reason'],
    }),
} as const;

export type CommandName = keyof typeof COMMAND_SCHEMAS;
export const COMMAND_NAMES = Object.keys(COMMAND_SCHEMAS) as CommandName[];
export type CommandPayload<N extends CommandName> = z.input<(typeof COMMAND_SCHEMAS)[N]>;
export type ParsedCommand<N extends CommandName> = z.output<(typeof COMMAND_SCHEMAS)[N]>;

/** What a successful command answers: the meeting's sequence number after it. */
export const CommandReceiptSchema = z.object({
  commandId: IdSchema,
  meetingId: IdSchema,
  seq: z.number().int().nonnegative(),
  /** True when this answer is a replay of a command applied earlier. */
  replayed: z.boolean(),
  /** For an annotation command: the `rev` the server gave the annotation (absent when it changed nothing). */
  rev: z.number().int().positive().optional(),
  /** For `participants:add-group`: how many members became participants, and how many were skipped. */
  added: z.number().int().nonnegative().optional(),
  skipped: z.number().int().nonnegative().optional(),
});
export type CommandReceipt = z.infer<typeof CommandReceiptSchema>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_SCHEMAS, name);
}
