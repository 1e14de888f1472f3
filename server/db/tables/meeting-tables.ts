import type { Generated } from 'kysely';

// A meeting and what happens in it: agenda, participants, the change log and the commands
// applied, speakers, minutes drafts, messages and invitations. Part of the schema: schema.ts
// says the column types' common ground.

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

/** The secretary's decision on an action item the assistant found (180-action-items.ts). */
export interface ActionItemDecisionsTable {
  meeting_id: string;
  item_key: string;
  source_kind: 'document' | 'minutes';
  document_id: string | null;
  version: number | null;
  page: number | null;
  agenda_number: string | null;
  minutes_field: 'discussion' | 'decisions' | null;
  agenda_item_id: string | null;
  sentence: string;
  who: string;
  what: string;
  due_text: string | null;
  due_iso: string | null;
  status: 'confirmed' | 'dropped';
  decided_by: string;
  decided_at: string;
}
