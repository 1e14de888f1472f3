import { z } from 'zod';
import { AgendaItemSchema, IdSchema, MeetingSchema, ParticipantSchema } from './entities.js';
import { PresentationSchema } from './documents.js';
import { VoteSchema } from './votes.js';
import { MeetingSessionSchema, SpeakerRequestSchema } from './session.js';

/**
 * A change is one row of a meeting's append-only change log. `seq` is gap-free per
 * meeting, so a client that holds seq N knows exactly what it misses. (What is sent may
 * leave out a ballot count that a later count of the same vote makes moot: see
 * `ChangeBatchSchema`.)
 *
 * Agenda changes carry the resulting state of every item they touched (and the ids they
 * removed) rather than an operation, so applying one is an idempotent upsert and a client
 * never re-implements the server's numbering or ordering rules.
 */
const base = {
  meetingId: IdSchema,
  seq: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  actorId: IdSchema,
  commandId: IdSchema,
};

const agendaData = z.object({
  upserted: z.array(AgendaItemSchema),
  removed: z.array(IdSchema),
});

export const ChangeSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('meeting:created'), data: z.object({ meeting: MeetingSchema }) }),
  z.object({ ...base, type: z.literal('meeting:updated'), data: z.object({ meeting: MeetingSchema }) }),
  z.object({ ...base, type: z.literal('meeting:published'), data: z.object({ meeting: MeetingSchema }) }),
  z.object({ ...base, type: z.literal('meeting:closed'), data: z.object({ meeting: MeetingSchema }) }),
  z.object({ ...base, type: z.literal('meeting:documents-recalled'), data: z.object({ meeting: MeetingSchema }) }),
  /** Called off, put off, or put in (or out of) the archive: the meeting as it is now. */
  z.object({ ...base, type: z.literal('meeting:cancelled'), data: z.object({ meeting: MeetingSchema }) }),
  z.object({ ...base, type: z.literal('meeting:postponed'), data: z.object({ meeting: MeetingSchema }) }),
  z.object({ ...base, type: z.literal('meeting:archived'), data: z.object({ meeting: MeetingSchema }) }),
  /** The presenter moved to a document and page, or stopped (null). Followers' readers go there. */
  z.object({
    ...base,
    type: z.literal('presentation:changed'),
    data: z.object({ presentation: PresentationSchema.nullable() }),
  }),
  /** The session started, paused or resumed, or the room moved to another item: the whole session state. */
  z.object({ ...base, type: z.literal('session:changed'), data: z.object({ session: MeetingSessionSchema }) }),
  /**
   * The queue of speakers changed: the whole live queue, the one speaking first, then those
   * waiting in order. A request that left it (spoke, withdrawn, removed) is simply absent.
   */
  z.object({
    ...base,
    type: z.literal('speakers:changed'),
    data: z.object({ speakers: z.array(SpeakerRequestSchema) }),
  }),
  z.object({ ...base, type: z.literal('agenda:item-added'), data: agendaData }),
  z.object({ ...base, type: z.literal('agenda:item-updated'), data: agendaData }),
  z.object({ ...base, type: z.literal('agenda:item-moved'), data: agendaData }),
  z.object({ ...base, type: z.literal('agenda:item-removed'), data: agendaData }),
  z.object({ ...base, type: z.literal('participant:set'), data: z.object({ participant: ParticipantSchema }) }),
  z.object({ ...base, type: z.literal('participant:removed'), data: z.object({ userId: IdSchema }) }),
  z.object({ ...base, type: z.literal('attendance:checked-in'), data: z.object({ participant: ParticipantSchema }) }),
  z.object({ ...base, type: z.literal('attendance:checked-out'), data: z.object({ participant: ParticipantSchema }) }),
  /**
   * Several check-ins and check-outs at once, never stored: a batch or a catch-up sends it in
   * place of a run of `attendance:checked-in`/`-out` changes (a room checking in at the start
   * of a session is hundreds of them). Each user is in one list, as the last change of the run
   * left them; `seq`, `at`, `actorId` and `commandId` are those of that last change.
   */
  z.object({
    ...base,
    type: z.literal('attendance:roll'),
    data: z.object({ checkedIn: z.array(IdSchema), checkedOut: z.array(IdSchema) }),
  }),
  z.object({ ...base, type: z.literal('vote:created'), data: z.object({ vote: VoteSchema }) }),
  z.object({ ...base, type: z.literal('vote:updated'), data: z.object({ vote: VoteSchema }) }),
  z.object({ ...base, type: z.literal('vote:opened'), data: z.object({ vote: VoteSchema }) }),
  z.object({ ...base, type: z.literal('vote:closed'), data: z.object({ vote: VoteSchema }) }),
  z.object({ ...base, type: z.literal('vote:published'), data: z.object({ vote: VoteSchema }) }),
  z.object({ ...base, type: z.literal('vote:cancelled'), data: z.object({ vote: VoteSchema }) }),
  /**
   * A ballot was counted. For a secret vote `voterId` is null, `actorId` is whoever opened
   * the vote and `commandId` a fresh random id: what every tablet receives says how many
   * have voted, not who cast which ballot.
   *
   * `ballotCount` is the vote's count after it, not a step: a batch (`meeting:changes`) or a
   * catch-up may leave out earlier counts of the same vote, and then `voterIds` (named votes
   * only) lists the voters of those left out, so nobody who voted is missed.
   */
  z.object({
    ...base,
    type: z.literal('vote:ballot-counted'),
    data: z.object({
      voteId: IdSchema,
      ballotCount: z.number().int(),
      voterId: IdSchema.nullable(),
      voterIds: z.array(IdSchema).optional(),
    }),
  }),
]);
export type Change = z.infer<typeof ChangeSchema>;
export type ChangeType = Change['type'];
export type ChangeOf<T extends ChangeType> = Extract<Change, { type: T }>;
export type ChangeData<T extends ChangeType> = ChangeOf<T>['data'];

/**
 * The changes of one meeting committed since the last batch, sent together: one message per
 * meeting every few milliseconds rather than one per change, so 500 ballots cast together
 * do not become 500 × 500 messages. The batch continues from `sinceSeq`: a client holding
 * less must catch up first; one holding more skips what it has. Inside a batch a
 * `vote:ballot-counted` may be left out when a later one of the same vote follows (its
 * count is absolute, and named votes carry the left-out voters in `voterIds`), so `seq`
 * may skip those; after the batch the client holds the last change's `seq`.
 */
export const ChangeBatchSchema = z.object({
  meetingId: IdSchema,
  sinceSeq: z.number().int().nonnegative(),
  changes: z.array(ChangeSchema).min(1),
});
export type ChangeBatch = z.infer<typeof ChangeBatchSchema>;
