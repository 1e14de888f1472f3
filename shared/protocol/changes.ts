import { z } from 'zod';
import { AgendaItemSchema, IdSchema, MeetingSchema, ParticipantSchema } from './entities.js';
import { PresentationSchema } from './documents.js';
import { VoteSchema } from './votes.js';

/**
 * A change is one row of a meeting's append-only change log. `seq` is gap-free per
 * meeting, so a client that holds seq N knows exactly what it misses.
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
  /** The presenter moved to a document and page, or stopped (null). Followers' readers go there. */
  z.object({
    ...base,
    type: z.literal('presentation:changed'),
    data: z.object({ presentation: PresentationSchema.nullable() }),
  }),
  z.object({ ...base, type: z.literal('agenda:item-added'), data: agendaData }),
  z.object({ ...base, type: z.literal('agenda:item-updated'), data: agendaData }),
  z.object({ ...base, type: z.literal('agenda:item-moved'), data: agendaData }),
  z.object({ ...base, type: z.literal('agenda:item-removed'), data: agendaData }),
  z.object({ ...base, type: z.literal('participant:set'), data: z.object({ participant: ParticipantSchema }) }),
  z.object({ ...base, type: z.literal('participant:removed'), data: z.object({ userId: IdSchema }) }),
  z.object({ ...base, type: z.literal('attendance:checked-in'), data: z.object({ participant: ParticipantSchema }) }),
  z.object({ ...base, type: z.literal('attendance:checked-out'), data: z.object({ participant: ParticipantSchema }) }),
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
   */
  z.object({
    ...base,
    type: z.literal('vote:ballot-counted'),
    data: z.object({ voteId: IdSchema, ballotCount: z.number().int(), voterId: IdSchema.nullable() }),
  }),
]);
export type Change = z.infer<typeof ChangeSchema>;
export type ChangeType = Change['type'];
export type ChangeOf<T extends ChangeType> = Extract<Change, { type: T }>;
export type ChangeData<T extends ChangeType> = ChangeOf<T>['data'];
