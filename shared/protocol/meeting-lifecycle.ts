import { z } from 'zod';
import { text } from './primitives.js';

/**
 * A meeting over time (issue 13): called off, put off, put away. Each is part of the meeting
 * itself (MeetingSchema), so it travels in the meeting's change log: every participant's
 * device learns it and shows it on the meeting's card and page.
 */

/** What a cancellation or a postponement says to the participants. */
export const MAX_LIFECYCLE_REASON = 500;
export const lifecycleReason = text(MAX_LIFECYCLE_REASON);

export const CancellationSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  reason: z.string(),
});
export type Cancellation = z.infer<typeof CancellationSchema>;

/** The latest postponement: the date the meeting had, and whether the new one is still to be announced. */
export const PostponementSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  reason: z.string(),
  previousStartsAt: z.iso.datetime({ offset: true }),
  /** No new date yet: `startsAt` still holds the old one and the devices say "to be announced". */
  toBeAnnounced: z.boolean(),
});
export type Postponement = z.infer<typeof PostponementSchema>;
