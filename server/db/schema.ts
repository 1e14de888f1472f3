import type { Generated, Kysely, Transaction } from 'kysely';

/**
 * The tables as both databases hold them. Column types are the common ground of SQLite and
 * PostgreSQL: text (times are ISO-8601 strings, which sort as they compare; JSON is text),
 * integer (flags are 0/1), so one set of queries serves both.
 */
export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  is_admin: Generated<number>;
  can_create_meetings: Generated<number>;
  disabled: Generated<number>;
  created_at: string;
  /** Chức vụ, đơn vị, seat label, email: '' when not known. */
  title: Generated<string>;
  unit: Generated<string>;
  seat: Generated<string>;
  email: Generated<string>;
  /** May administer people and groups without being an admin (an office secretary). */
  manages_people: Generated<number>;
  /** The password is a one-time one: the person must choose another at the next sign-in. */
  must_change_password: Generated<number>;
}

export interface SessionsTable {
  /** SHA-256 of the token: a stolen database yields no usable token. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  /** The device signed in from (migration 160); null for older sessions. */
  device_id: string | null;
}

/** A device as one person used it (migration 160): the same id for each person on a shared tablet. */
export interface DevicesTable {
  id: string;
  user_id: string;
  name: string;
  platform: string;
  first_seen_at: string;
  last_seen_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface MeetingsTable {
  id: string;
  title: string;
  starts_at: string;
  place: string;
  organisation: string;
  status: 'draft' | 'published';
  published_at: string | null;
  created_by: string;
  created_at: string;
  /** The last sequence number of this meeting's change log. */
  seq: Generated<number>;
  vote_managers: Generated<string>;
  version: Generated<number>;
  vote_defaults: Generated<string>;
  /** Set when the meeting is closed (its status reads `closed` then). */
  closed_at: string | null;
  documents_recalled_at: string | null;
  /** JSON of what the presenter shows the room, or null. */
  presentation: string | null;
  /** JSON of the session (stage, current item, clocks); null before it starts. */
  session: string | null;
  /** JSON of the meeting's cancellation (when, why), or null (150-meeting-lifecycle.ts). */
  cancellation: string | null;
  /** JSON of its latest postponement (when, why, the date it had, a new date to be announced), or null. */
  postponement: string | null;
  archived_at: string | null;
}

export interface AgendaItemsTable {
  id: string;
  meeting_id: string;
  parent_id: string | null;
  position: number;
  title: string;
  presenter: string;
  planned_minutes: number;
  version: Generated<number>;
}

export interface ParticipantsTable {
  meeting_id: string;
  user_id: string;
  role: 'secretary' | 'chair' | 'delegate' | 'observer';
  present: Generated<number>;
  attendance_window_start: string | null;
  attendance_changes: Generated<number>;
  staff_window_start: string | null;
  staff_changes: Generated<number>;
}

export interface MeetingChangesTable {
  meeting_id: string;
  seq: number;
  type: string;
  data: string;
  actor_id: string;
  command_id: string;
  at: string;
}

export interface CommandsTable {
  id: string;
  user_id: string;
  name: string;
  payload_hash: string;
  receipt: string;
  at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  /** Which hash chain the row belongs to: a meeting's id, or `global` (see audit-log.ts). */
  chain: Generated<string>;
  at: string;
  actor_id: string | null;
  action: string;
  meeting_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  chain: string;
  hash: string;
}

export interface VotesTable {
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  question: string;
  kind: 'named' | 'secret';
  options: string;
  rule: string;
  base: string;
  quorum: string;
  allow_change: number;
  duration_seconds: number | null;
  status: 'draft' | 'open' | 'closed' | 'published' | 'cancelled';
  opened_at: string | null;
  opened_by: string | null;
  closes_at: string | null;
  closed_at: string | null;
  published_at: string | null;
  ballot_count: Generated<number>;
  result: string | null;
  created_by: string;
  created_at: string;
  closed_by: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  version: Generated<number>;
}

export interface VoteVotersTable {
  vote_id: string;
  user_id: string;
  owner_proof: string | null;
  ballot_changes: Generated<number>;
}

export interface VoteBallotsTable {
  vote_id: string;
  ballot_id: string;
  voter_id: string | null;
  choices: string;
}

/** PostgreSQL only: the sign-in throttle shared by every node (login-throttle.ts). */
export interface SignInMarksTable {
  /** SHA-256 of the throttle's key (address, user name): typed names are not kept. */
  key: string;
  kind: 'failure' | 'success' | 'slot';
  /** The attempt holding a slot; null for failures and successes. */
  attempt: string | null;
  /** Milliseconds since the epoch. */
  at: number;
}

/** PostgreSQL only: each user's event budget, leased to the nodes in chunks (event-budget.ts). */
export interface EventBudgetsTable {
  user_id: string;
  tokens: number;
  /** Milliseconds since the epoch of the last refill. */
  at: number;
}

/** PostgreSQL only: sealed secret ballot boxes whose old row versions are still to be erased. */
export interface BallotBoxErasuresTable {
  vote_id: string;
  /** The seal's transaction id (xid8 as text): no snapshot older than it may remain. */
  sealed_xid: string;
  at: number;
}

/** A document's bytes, named by their SHA-256 (lower-case hex). */
export interface DocumentBlobsTable {
  sha256: string;
  size: number;
  created_at: string;
}

/** PostgreSQL only: a blob's bytes, 1 MiB per row. */
export interface DocumentBlobChunksTable {
  sha256: string;
  idx: number;
  data: Uint8Array;
}

export interface DocumentsTable {
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  title: string;
  current_version: number;
  /** JSON of VisibleTo, or null for every participant. */
  visible_to: string | null;
  revision: number;
  created_at: string;
  created_by: string;
}

export interface DocumentVersionsTable {
  document_id: string;
  version: number;
  sha256: string;
  size: number;
  pages: number;
  /** JSON array of page numbers without a text layer. */
  textless_pages: string;
  uploaded_at: string;
  uploaded_by: string;
}

/** Each page's text as extracted; on PostgreSQL also its folded tsvector (`folded`, written by SQL). */
export interface DocumentPagesTable {
  document_id: string;
  version: number;
  page: number;
  text: string;
}

export interface EnrollmentCodesTable {
  /** SHA-256 of the code: the code itself is shown once and never stored. */
  code_hash: string;
  user_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  certificate_serial: string | null;
}

export interface CertificatesTable {
  serial: string;
  fingerprint: string;
  user_id: string;
  device_id: string | null;
  device_name: string;
  common_name: string;
  issuer_name: string;
  outside: number;
  certificate_pem: string;
  not_before: string;
  not_after: string;
  issued_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revocation_reason: string | null;
}

export interface DocumentApprovalsTable {
  id: string;
  meeting_id: string;
  document_id: string;
  version: number;
  sha256: string;
  user_id: string;
  decision: 'approve' | 'reject';
  reason: string | null;
  signed_at: string;
  received_at: string;
  certificate_fingerprint: string;
  /** The statement and the CMS (base64) exactly as received. */
  statement: string;
  signature: string;
  /** SHA-256 of the statement: the same signed decision counts once, however its CMS is wrapped. */
  statement_hash: string;
}

export interface VoteResultSignaturesTable {
  vote_id: string;
  statement: string;
  signature: string;
  signed_at: string;
  signer_common_name: string;
  signer_serial: string;
  signer_fingerprint: string;
}

export interface AnnotationsTable {
  id: string;
  author_id: string;
  meeting_id: string;
  document_id: string;
  version: number;
  page: number;
  kind: 'highlight' | 'ink' | 'note';
  /** JSON of the geometry; null for a tombstone. */
  geometry: string | null;
  color: string;
  opacity: number;
  /** The note's text or the comment on a highlight or drawing. */
  body: string;
  quote: string;
  /** Body and quote folded for search (search-fold.ts). */
  folded: string;
  shared: number;
  carried_from: string | null;
  created_at: string;
  updated_at: string;
  rev: number;
  /** This annotation's count of the writes others could see (while shared, and sharing itself): their order of it. */
  edits: number;
  deleted: number;
}

export interface SpeakerRequestsTable {
  id: string;
  meeting_id: string;
  user_id: string;
  agenda_item_id: string | null;
  point_of_order: number;
  state: 'waiting' | 'speaking' | 'done' | 'withdrawn' | 'removed';
  /** Order among the waiting requests. */
  position: number;
  requested_at: string;
  started_at: string | null;
  ended_at: string | null;
  limit_seconds: number | null;
}

/** The secretary's draft of a meeting's minutes. */
export interface MeetingMinutesTable {
  meeting_id: string;
  /** JSON of MinutesContent. */
  content: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

/** A round of signing of a meeting's minutes (migration 130). */
export interface MinutesSigningsTable {
  id: string;
  meeting_id: string;
  draft_version: number;
  state: 'awaiting-chair' | 'awaiting-secretary' | 'signed' | 'abandoned';
  /** The PDF as signed so far. */
  pdf: Uint8Array;
  pending_id: string | null;
  pending_pdf: Uint8Array | null;
  /** JSON of the four numbers of /ByteRange. */
  pending_range: string | null;
  pending_time: string | null;
  pending_for: string | null;
  chair_id: string | null;
  chair_signed_at: string | null;
  secretary_id: string | null;
  secretary_signed_at: string | null;
  document_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** The last `rev` given to each author's annotation writes. */
export interface AnnotationHeadsTable {
  user_id: string;
  rev: number;
}

/** A request to the secretaries' desk, or a notice to the tablets (110-messages.ts). */
export interface MeetingMessagesTable {
  id: string;
  meeting_id: string;
  kind: 'request' | 'notice';
  sender_id: string;
  recipient_id: string | null;
  chair_may_see: number;
  topic: 'print' | 'device' | 'microphone' | 'water' | 'other' | null;
  body: string;
  state: 'open' | 'acknowledged' | 'done' | 'declined' | 'withdrawn' | null;
  answer: string;
  answered_by: string | null;
  created_at: string;
  updated_at: string;
  rev: number;
}

/** A participant's invitation to a sent-out meeting and their reply (150-meeting-lifecycle.ts). */
export interface MeetingInvitationsTable {
  meeting_id: string;
  user_id: string;
  sent_at: string;
  reply: 'pending' | 'attend' | 'absent';
  reason: string;
  replied_at: string | null;
  rev: number;
}

export interface GroupsTable {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
}

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
  enrollment_codes: EnrollmentCodesTable;
  certificates: CertificatesTable;
  document_approvals: DocumentApprovalsTable;
  vote_result_signatures: VoteResultSignaturesTable;
  annotations: AnnotationsTable;
  annotation_heads: AnnotationHeadsTable;
  speaker_requests: SpeakerRequestsTable;
  meeting_minutes: MeetingMinutesTable;
  minutes_signings: MinutesSigningsTable;
  meeting_messages: MeetingMessagesTable;
  meeting_invitations: MeetingInvitationsTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
}

/** The database, or a transaction on it: every query function takes either. */
export type Db = Kysely<Schema>;
export type Tx = Transaction<Schema>;
