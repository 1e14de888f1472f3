import { z } from 'zod';
import { IdSchema } from './primitives.js';

/**
 * Running the meeting: its stage, the agenda item the room is on with that item's clock, and
 * the queue of people asking to speak. All of it is public to the meeting (it is what the
 * room sees happen), so it travels in the meeting's change log like the agenda.
 */

/** Before the chair starts it, running, or paused (a break). A closed meeting has ended. */
export const SessionStageSchema = z.enum(['not-started', 'running', 'paused']);
export type SessionStage = z.infer<typeof SessionStageSchema>;

const at = z.iso.datetime({ offset: true });

export const MeetingSessionSchema = z.object({
  stage: SessionStageSchema,
  startedAt: at.nullable(),
  /** When the current pause began; null unless paused. */
  pausedAt: at.nullable(),
  /** The item the room is on; null before the start or once its item was removed. */
  currentItemId: IdSchema.nullable(),
  /**
   * When the current item's clock last started running (null while paused or before the
   * start). Its time so far is `itemSeconds[currentItemId]` plus now minus this.
   */
  itemSince: at.nullable(),
  /**
   * Seconds each item has been current while the meeting ran, up to `itemSince`: an item
   * left and taken up again keeps counting from where it stopped.
   */
  itemSeconds: z.record(z.string(), z.number().int().nonnegative()),
});
export type MeetingSession = z.infer<typeof MeetingSessionSchema>;

export const NOT_STARTED_SESSION: MeetingSession = {
  stage: 'not-started',
  startedAt: null,
  pausedAt: null,
  currentItemId: null,
  itemSince: null,
  itemSeconds: {},
};

/**
 * A request to speak (đăng ký phát biểu). `waiting` in the queue, `speaking` while the chair
 * has given the floor; afterwards `done` (spoke), `withdrawn` (by the person) or `removed`
 * (by the chair). Finished ones stay on the server for the minutes.
 */
export const SpeakerStateSchema = z.enum(['waiting', 'speaking', 'done', 'withdrawn', 'removed']);
export type SpeakerState = z.infer<typeof SpeakerStateSchema>;

export const SpeakerRequestSchema = z.object({
  id: IdSchema,
  meetingId: IdSchema,
  userId: IdSchema,
  /** The item that was current when the request was made, or when the floor was given. */
  agendaItemId: IdSchema.nullable(),
  /** A point of order (kiến nghị về thủ tục) goes ahead of every ordinary request. */
  pointOfOrder: z.boolean(),
  state: SpeakerStateSchema,
  requestedAt: at,
  startedAt: at.nullable(),
  endedAt: at.nullable(),
  /** The speaking time the chair set, in seconds; null for no limit. */
  limitSeconds: z.number().int().positive().nullable(),
});
export type SpeakerRequest = z.infer<typeof SpeakerRequestSchema>;

/** Longest speaking time the chair can set: an hour. */
export const MAX_SPEAKING_SECONDS = 3600;
export const SpeakingSecondsSchema = z.number().int().min(10).max(MAX_SPEAKING_SECONDS);
