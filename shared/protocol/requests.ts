import { z } from 'zod';
import { MinutesGetAnswerSchema, MinutesGetRequestSchema } from './minutes-draft.js';
import { ChangeSchema } from './changes.js';
import { IdSchema, MeetingSnapshotSchema, MeetingSummarySchema } from './entities.js';
import { DocumentListSchema, DocumentVersionSchema, SearchHitSchema, SearchQuerySchema } from './documents.js';
import { VoteResultSchema } from './votes.js';
import {
  ApprovalListRequestSchema,
  ApprovalListSchema,
  CertificateStatusRequestSchema,
  CertificateStatusSchema,
} from './certificates.js';
import {
  AnnotationSyncRequestSchema,
  AnnotationSyncResultSchema,
  SharedAnnotationsRequestSchema,
  SharedAnnotationsResultSchema,
} from './annotations.js';
import { MessageListRequestSchema, MessageListResultSchema } from './messages.js';
import {
  DeviceListRequestSchema,
  DeviceListResultSchema,
  DeviceRevokeRequestSchema,
  DeviceRevokeResultSchema,
} from './devices.js';
import { InvitationListRequestSchema, InvitationListResultSchema } from './invitations.js';
import {
  PeopleListRequestSchema,
  PeopleListResultSchema,
  PasswordChangeRequestSchema,
  PasswordChangeResultSchema,
  PersonAnswerSchema,
  PersonCreateRequestSchema,
  PersonImportRequestSchema,
  PersonImportResultSchema,
  PersonResetPasswordRequestSchema,
  PersonSetDisabledRequestSchema,
  PersonUpdateRequestSchema,
  PersonWithPasswordSchema,
} from './people.js';
import {
  GroupAnswerSchema,
  GroupCreateRequestSchema,
  GroupDeletedSchema,
  GroupDeleteRequestSchema,
  GroupListRequestSchema,
  GroupListResultSchema,
  GroupUpdateRequestSchema,
} from './groups.js';
import { AuditListRequestSchema, AuditListResultSchema } from './audit.js';

/**
 * Requests read state, or act on what belongs to no meeting (the office's people, groups,
 * devices: an admin's work, answered after its commit and audited, never queued offline).
 * They need no command id.
 */

/** Per meeting, what the client already holds, so the server sends only what follows. */
export const SyncRequestSchema = z.strictObject({
  cursors: z.record(IdSchema, z.number().int().nonnegative()),
});
export type SyncRequest = z.infer<typeof SyncRequestSchema>;

/**
 * A client further behind than this many changes (counted after superseded ballot counts
 * are left out) gets a snapshot instead: it is smaller and cheaper to apply. Here so that
 * the server and the protocol reference share it.
 */
export const SNAPSHOT_AFTER_CHANGES = 200;
/**
 * How far behind the server still reads the changes to see whether they compact under
 * SNAPSHOT_AFTER_CHANGES: a client that missed a vote of 500 ballots gets its few changes,
 * not the whole meeting again (186 KiB at 1000 participants).
 */
export const CHANGES_READ_FOR_CATCH_UP = 1000;

/** Either the changes after the client's cursor, or a snapshot when that is cheaper. */
export const MeetingUpdateSchema = z.discriminatedUnion('kind', [
  /** The changes after `sinceSeq`, as a batch of `meeting:changes` (superseded ballot counts may be left out). */
  z.object({
    kind: z.literal('changes'),
    meetingId: IdSchema,
    sinceSeq: z.number().int().nonnegative(),
    changes: z.array(ChangeSchema),
  }),
  z.object({ kind: z.literal('snapshot'), meetingId: IdSchema, snapshot: MeetingSnapshotSchema }),
]);
export type MeetingUpdate = z.infer<typeof MeetingUpdateSchema>;

export const SyncResultSchema = z.object({
  /** Every meeting this user may see now; a meeting missing here must be dropped. */
  meetings: z.array(MeetingSummarySchema),
  updates: z.array(MeetingUpdateSchema),
  /** The server's clock as it answered: devices show the room's clocks by it, not by their own. */
  serverTime: z.iso.datetime().optional(),
});
export type SyncResult = z.infer<typeof SyncResultSchema>;

export const CatchUpRequestSchema = z.strictObject({
  meetingId: IdSchema,
  sinceSeq: z.number().int().nonnegative(),
});
export type CatchUpRequest = z.infer<typeof CatchUpRequestSchema>;

export const DirectoryRequestSchema = z.strictObject({});
export const DirectoryUserSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
});
export type DirectoryUser = z.infer<typeof DirectoryUserSchema>;
export const DirectoryResultSchema = z.object({ users: z.array(DirectoryUserSchema) });
export type DirectoryResult = z.infer<typeof DirectoryResultSchema>;

/** The result of a closed vote, for those who run votes, before they publish it. */
export const VoteResultRequestSchema = z.strictObject({ meetingId: IdSchema, voteId: IdSchema });
export const VoteResultAnswerSchema = z.object({ voteId: IdSchema, result: VoteResultSchema });

/** The meeting's documents this user may see (current versions), and whether they were recalled. */
export const DocumentListRequestSchema = z.strictObject({ meetingId: IdSchema });
export const DocumentVersionsRequestSchema = z.strictObject({ meetingId: IdSchema, documentId: IdSchema });
export const DocumentVersionsAnswerSchema = z.object({
  documentId: IdSchema,
  versions: z.array(DocumentVersionSchema),
});
export const DocumentSearchRequestSchema = z.strictObject({ meetingId: IdSchema, q: SearchQuerySchema });
export const DocumentSearchAnswerSchema = z.object({ hits: z.array(SearchHitSchema) });

export const REQUEST_SCHEMAS = {
  'session:sync': { request: SyncRequestSchema, result: SyncResultSchema },
  'meeting:catch-up': { request: CatchUpRequestSchema, result: MeetingUpdateSchema },
  'directory:list-users': { request: DirectoryRequestSchema, result: DirectoryResultSchema },
  'vote:result': { request: VoteResultRequestSchema, result: VoteResultAnswerSchema },
  'document:list': { request: DocumentListRequestSchema, result: DocumentListSchema },
  'document:versions': { request: DocumentVersionsRequestSchema, result: DocumentVersionsAnswerSchema },
  'document:search': { request: DocumentSearchRequestSchema, result: DocumentSearchAnswerSchema },
  'approval:list': { request: ApprovalListRequestSchema, result: ApprovalListSchema },
  'certificate:status': { request: CertificateStatusRequestSchema, result: CertificateStatusSchema },
  'annotation:sync': { request: AnnotationSyncRequestSchema, result: AnnotationSyncResultSchema },
  'annotation:list-shared': { request: SharedAnnotationsRequestSchema, result: SharedAnnotationsResultSchema },
  'minutes:get': { request: MinutesGetRequestSchema, result: MinutesGetAnswerSchema },
  'message:list': { request: MessageListRequestSchema, result: MessageListResultSchema },
  'device:list': { request: DeviceListRequestSchema, result: DeviceListResultSchema },
  'device:revoke': { request: DeviceRevokeRequestSchema, result: DeviceRevokeResultSchema },
  'invitation:list': { request: InvitationListRequestSchema, result: InvitationListResultSchema },
  // People administration writes through requests (no meeting, hence no command log); each writes an audit row.
  'people:list': { request: PeopleListRequestSchema, result: PeopleListResultSchema },
  'people:create': { request: PersonCreateRequestSchema, result: PersonWithPasswordSchema },
  'people:update': { request: PersonUpdateRequestSchema, result: PersonAnswerSchema },
  'people:set-disabled': { request: PersonSetDisabledRequestSchema, result: PersonAnswerSchema },
  'people:reset-password': { request: PersonResetPasswordRequestSchema, result: PersonWithPasswordSchema },
  'people:import': { request: PersonImportRequestSchema, result: PersonImportResultSchema },
  'group:list': { request: GroupListRequestSchema, result: GroupListResultSchema },
  'group:create': { request: GroupCreateRequestSchema, result: GroupAnswerSchema },
  'group:update': { request: GroupUpdateRequestSchema, result: GroupAnswerSchema },
  'group:delete': { request: GroupDeleteRequestSchema, result: GroupDeletedSchema },
  'account:change-password': { request: PasswordChangeRequestSchema, result: PasswordChangeResultSchema },
  'audit:list': { request: AuditListRequestSchema, result: AuditListResultSchema },
} as const;
export type RequestName = keyof typeof REQUEST_SCHEMAS;
export type RequestPayload<N extends RequestName> = z.input<(typeof REQUEST_SCHEMAS)[N]['request']>;
export type RequestResult<N extends RequestName> = z.infer<(typeof REQUEST_SCHEMAS)[N]['result']>;

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(REQUEST_SCHEMAS, name);
}
