import { z } from 'zod';
import { MinutesContentSchema } from './minutes.js';
import { IdSchema } from './primitives.js';
import { MinutesSigningSchema, MinutesSigningStateSchema } from './minutes-signing.js';

/**
 * The minutes as they are being written: the secretary's draft, versioned so that a save
 * made on an older version is refused (`STALE_EDIT`) and nobody's text is lost unseen. Only
 * secretaries, the chair and admins read it; it never enters the meeting's change log.
 */
export const MinutesDraftSchema = z.object({
  content: MinutesContentSchema,
  /** Rises with every save, from 1. */
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime({ offset: true }),
  updatedBy: IdSchema,
});
export type MinutesDraft = z.infer<typeof MinutesDraftSchema>;

export const MinutesGetRequestSchema = z.strictObject({ meetingId: IdSchema });
export const MinutesGetAnswerSchema = z.object({
  meetingId: IdSchema,
  /** Null until the secretary first saves. */
  draft: MinutesDraftSchema.nullable(),
  /** The pre-fill from the meeting's record as it is now: what a first draft starts from, and what a refresh takes facts from. */
  prefill: MinutesContentSchema,
  /** The latest round of signing (`minutes:finalize`), null before the first. */
  signing: MinutesSigningSchema.nullable(),
});
export type MinutesGetAnswer = z.infer<typeof MinutesGetAnswerSchema>;

export const MinutesChangedSchema = z.object({
  meetingId: IdSchema,
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime({ offset: true }),
  updatedBy: IdSchema,
  /** After `minutes:finalize`, `minutes:sign`, or a save that abandoned a round: where its signing stands now. */
  signing: MinutesSigningStateSchema.optional(),
});
export type MinutesChanged = z.infer<typeof MinutesChangedSchema>;
