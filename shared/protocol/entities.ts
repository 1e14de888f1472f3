import { z } from 'zod';
import { VoteDefaultsSchema, VoteSchema } from './votes.js';

import { PresentationSchema } from './documents.js';
import { MeetingSessionSchema, NOT_STARTED_SESSION, SpeakerRequestSchema } from './session.js';
import { IdSchema, MeetingRoleSchema } from './primitives.js';
import { CancellationSchema, PostponementSchema } from './meeting-lifecycle.js';

export {
  IdSchema,
  MEETING_ROLES,
  MeetingRoleSchema,
  hasPrototypeKey,
  text,
  type Id,
  type MeetingRole,
} from './primitives.js';

/**
 * The actor of what the server does by itself (a vote closing at its deadline): never a
 * user's id, so the log does not put a person's name on an act nobody did.
 */
export const SYSTEM_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

/** A closed meeting is over: no votes or attendance any more; its record and papers stay. */
export const MeetingStatusSchema = z.enum(['draft', 'published', 'closed']);

/** Roles that may run a meeting's votes: always the chair; the secretary if the meeting allows. */
export const VoteManagersSchema = z
  .array(z.enum(['chair', 'secretary']))
  .min(1)
  .refine((roles) => roles.includes('chair'), 'The chair always runs votes')
  .refine((roles) => new Set(roles).size === roles.length, 'No role twice');
export type VoteManagers = z.infer<typeof VoteManagersSchema>;
export type MeetingStatus = z.infer<typeof MeetingStatusSchema>;

export const UserSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  canCreateMeetings: z.boolean(),
  /** May administer people and groups (admins always may); absent from an older server: no. */
  managesPeople: z.boolean().optional(),
  /** Signed in with a one-time password: the person should choose another. */
  mustChangePassword: z.boolean().optional(),
});
export type User = z.infer<typeof UserSchema>;

export const MeetingSchema = z.object({
  id: IdSchema,
  title: z.string(),
  startsAt: z.iso.datetime({ offset: true }),
  place: z.string(),
  organisation: z.string(),
  status: MeetingStatusSchema,
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
  // Absent in changes logged before documents existed: read as null.
  closedAt: z.iso.datetime({ offset: true }).nullable().default(null),
  /** The secretary recalled the papers after the close: devices delete their copies. */
  documentsRecalledAt: z.iso.datetime({ offset: true }).nullable().default(null),
  voteManagers: VoteManagersSchema,
  /** What a new vote starts with; the chair may change it per vote. */
  voteDefaults: VoteDefaultsSchema,
  /** Called off (`meeting:cancel`): it refuses votes, attendance and the session. Absent in older changes: null. */
  cancellation: CancellationSchema.nullable().default(null),
  /** Put off (`meeting:postpone`), the latest time. Absent in older changes: null. */
  postponement: PostponementSchema.nullable().default(null),
  /** Out of the default meeting list (`meeting:archive`); still read with the archive filter. */
  archivedAt: z.iso.datetime({ offset: true }).nullable().default(null),
  /** Rises with every edit of the fields above; an edit made on an older one is refused. */
  version: z.number().int().nonnegative(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const AgendaItemSchema = z.object({
  id: IdSchema,
  meetingId: IdSchema,
  /** null for a top-level item; an item's id for a sub-item (numbered 1.1, 1.2 …). */
  parentId: IdSchema.nullable(),
  /** Order among siblings, 0-based and dense. */
  position: z.number().int().nonnegative(),
  title: z.string(),
  presenter: z.string(),
  plannedMinutes: z.number().int().nonnegative(),
  /** Rises with every edit of the title, presenter or minutes; a stale edit is refused. */
  version: z.number().int().nonnegative(),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const ParticipantSchema = z.object({
  meetingId: IdSchema,
  userId: IdSchema,
  displayName: z.string(),
  role: MeetingRoleSchema,
  /** Checked in to the session now. */
  present: z.boolean(),
});
export type Participant = z.infer<typeof ParticipantSchema>;

/** What a user sees in the meeting list, with their own role in it. */
export const MeetingSummarySchema = MeetingSchema.extend({
  myRole: MeetingRoleSchema.nullable(),
  seq: z.number().int().nonnegative(),
});
export type MeetingSummary = z.infer<typeof MeetingSummarySchema>;

/** The whole state of one meeting at a sequence number. */
export const MeetingSnapshotSchema = z.object({
  meeting: MeetingSchema,
  agenda: z.array(AgendaItemSchema),
  participants: z.array(ParticipantSchema),
  votes: z.array(VoteSchema),
  /** What the presenter shows the room now, if anything. */
  presentation: PresentationSchema.nullable(),
  /** Stage, current item and its clock. Absent in snapshots kept from before sessions: not started. */
  session: MeetingSessionSchema.default(NOT_STARTED_SESSION),
  /** The live queue of speakers, the one speaking first. */
  speakers: z.array(SpeakerRequestSchema).default([]),
  /** Votes the asking user has cast a ballot in (a snapshot is made per user). */
  myBallots: z.array(IdSchema),
  seq: z.number().int().nonnegative(),
});
export type MeetingSnapshot = z.infer<typeof MeetingSnapshotSchema>;
