import type { Kysely, Transaction } from 'kysely';
import type {
  AnnotationHeadsTable,
  AnnotationsTable,
  DocumentBlobChunksTable,
  DocumentBlobsTable,
  DocumentOpensTable,
  DocumentPagesTable,
  DocumentVersionsTable,
  DocumentsTable,
} from './tables/document-tables.js';
import type {
  AgendaItemsTable,
  CommandsTable,
  MeetingChangesTable,
  MeetingInvitationsTable,
  MeetingMessagesTable,
  MeetingMinutesTable,
  ActionItemDecisionsTable,
  MeetingsTable,
  ParticipantsTable,
  SpeakerRequestsTable,
} from './tables/meeting-tables.js';
import type {
  DevicesTable,
  EventBudgetsTable,
  GroupMembersTable,
  GroupsTable,
  SessionsTable,
  SignInMarksTable,
  UsersTable,
} from './tables/people-tables.js';
import type {
  AuditHeadsTable,
  AuditLogTable,
  CertificatesTable,
  DocumentApprovalsTable,
  EnrollmentCodesTable,
  MinutesSigningsTable,
  VoteResultSignaturesTable,
} from './tables/trust-tables.js';
import type { BallotBoxErasuresTable, VoteBallotsTable, VoteVotersTable, VotesTable } from './tables/vote-tables.js';

/**
 * The tables as both databases hold them. Column types are the common ground of SQLite and
 * PostgreSQL: text (times are ISO-8601 strings, which sort as they compare; JSON is text),
 * integer (flags are 0/1), so one set of queries serves both. Each area's tables are in
 * tables/; they are re-exported here, the one path the queries import them from.
 */
export type * from './tables/document-tables.js';
export type * from './tables/meeting-tables.js';
export type * from './tables/people-tables.js';
export type * from './tables/trust-tables.js';
export type * from './tables/vote-tables.js';

export interface Schema {
  users: UsersTable;
  sessions: SessionsTable;
  devices: DevicesTable;
  meetings: MeetingsTable;
  agenda_items: AgendaItemsTable;
  participants: ParticipantsTable;
  meeting_changes: MeetingChangesTable;
  commands: CommandsTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  votes: VotesTable;
  vote_voters: VoteVotersTable;
  vote_ballots: VoteBallotsTable;
  sign_in_marks: SignInMarksTable;
  event_budgets: EventBudgetsTable;
  ballot_box_erasures: BallotBoxErasuresTable;
  document_blobs: DocumentBlobsTable;
  document_blob_chunks: DocumentBlobChunksTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  document_pages: DocumentPagesTable;
  document_opens: DocumentOpensTable;
  enrollment_codes: EnrollmentCodesTable;
  certificates: CertificatesTable;
  document_approvals: DocumentApprovalsTable;
  vote_result_signatures: VoteResultSignaturesTable;
  annotations: AnnotationsTable;
  annotation_heads: AnnotationHeadsTable;
  speaker_requests: SpeakerRequestsTable;
  meeting_minutes: MeetingMinutesTable;
  action_item_decisions: ActionItemDecisionsTable;
  minutes_signings: MinutesSigningsTable;
  meeting_messages: MeetingMessagesTable;
  meeting_invitations: MeetingInvitationsTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
}

/** The database, or a transaction on it: every query function takes either. */
export type Db = Kysely<Schema>;
export type Tx = Transaction<Schema>;
