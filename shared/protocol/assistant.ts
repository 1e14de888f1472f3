import { z } from 'zod';
import { IdSchema } from './primitives.js';

/** A question to the meeting assistant: `?q=…`, 1 to 300 characters once trimmed. */
export const AskQuerySchema = z.string().trim().min(1).max(300);

/** Where a query word stands in a passage, as offsets into `passage` (UTF-16, as JavaScript slices). */
export const HighlightSpanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
});

/**
 * One passage that answers a question: a sentence or short paragraph of a paper's page (its
 * current version), or of one of the asker's own notes or a note shared with them.
 */
export const AskHitSchema = z.object({
  documentId: IdSchema,
  title: z.string(),
  page: z.number().int().positive(),
  /** The passage as written in the paper (or note): an extract, never generated text. */
  passage: z.string(),
  /** BM25 over the passages the asker may see (higher is better). */
  score: z.number(),
  /** The query's words in `passage`, in order, not overlapping. */
  highlights: z.array(HighlightSpanSchema),
  /** Set when the passage comes from a note rather than the paper itself. */
  annotationId: IdSchema.optional(),
});
export type AskHit = z.infer<typeof AskHitSchema>;

/** At most this many passages answer one question. */
export const MAX_ASK_HITS = 10;

export const AskAnswerSchema = z.array(AskHitSchema).max(MAX_ASK_HITS);
