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

/**
 * The brief of a meeting (`GET /api/meetings/{id}/assistant/brief`): for each paper the
 * caller may see, sentences and figures taken from it as written. Nothing is generated:
 * `label` says so, for the client to show in the reader's language.
 */
export const BRIEF_LABEL = 'automatic-extracts' as const;

/** At most this many summary sentences, amounts, dates and changed sentences (each way) per paper. */
export const MAX_BRIEF_SUMMARY = 5;
export const MAX_BRIEF_FIGURES = 200;
export const MAX_BRIEF_DATES = 60;
export const MAX_BRIEF_CHANGED_SENTENCES = 20;

/** A sentence of a paper's page, as written. */
export const BriefSentenceSchema = z.object({
  page: z.number().int().positive(),
  text: z.string(),
});
export type BriefSentence = z.infer<typeof BriefSentenceSchema>;

/** An amount ("45.312,8 tỷ đồng", "106,6%") or a date ("31/12/2026", "trước ngày 31/12/2026") as written, where it stands. */
export const BriefFigureSchema = z.object({
  text: z.string(),
  page: z.number().int().positive(),
  /** The sentence it stands in, as written. */
  sentence: z.string(),
  /** Dates: the day (YYYY-MM-DD) or month (YYYY-MM) it names. */
  iso: z.string().optional(),
  /** Dates: set when the paper gives it as a deadline ("trước ngày …", "chậm nhất ngày …"). */
  deadline: z.boolean().optional(),
});
export type BriefFigure = z.infer<typeof BriefFigureSchema>;

/** What changed from the version the caller last opened to the current one. */
export const BriefChangesSchema = z.object({
  sinceVersion: z.number().int().positive(),
  /** Pages whose text differs (a page only one version has included), ascending. */
  changedPages: z.array(z.number().int().positive()),
  /** Sentences of the current version not in the old one (page: in the current version). */
  added: z.array(BriefSentenceSchema).max(MAX_BRIEF_CHANGED_SENTENCES),
  /** Sentences of the old version not in the current one (page: in the old version). */
  removed: z.array(BriefSentenceSchema).max(MAX_BRIEF_CHANGED_SENTENCES),
  /** Set when more sentences changed than are listed. */
  truncated: z.boolean(),
});
export type BriefChanges = z.infer<typeof BriefChangesSchema>;

export const BriefPaperSchema = z.object({
  documentId: IdSchema,
  title: z.string(),
  version: z.number().int().positive(),
  pages: z.number().int().nonnegative(),
  /** The most central sentences (TextRank), in the paper's order. */
  summary: z.array(BriefSentenceSchema).max(MAX_BRIEF_SUMMARY),
  /** Amounts, first mention of each, in the paper's order. */
  figures: z.array(BriefFigureSchema).max(MAX_BRIEF_FIGURES),
  /** Dates and deadlines, first mention of each, in the paper's order. */
  dates: z.array(BriefFigureSchema).max(MAX_BRIEF_DATES),
  /** Set when the paper holds more amounts or dates than are listed (the first ones are). */
  moreFigures: z.boolean(),
  /** The version the caller last opened (null: never opened). */
  lastOpenedVersion: z.number().int().positive().nullable(),
  /** Null when the caller never opened the paper or has opened its current version. */
  changes: BriefChangesSchema.nullable(),
});
export type BriefPaper = z.infer<typeof BriefPaperSchema>;

/** One agenda item and its papers; `agendaItemId: null` is the papers on no item ("other papers"). */
export const BriefSectionSchema = z.object({
  agendaItemId: IdSchema.nullable(),
  parentId: IdSchema.nullable(),
  /** The item's title; null for the other papers. */
  title: z.string().nullable(),
  papers: z.array(BriefPaperSchema),
});
export type BriefSection = z.infer<typeof BriefSectionSchema>;

export const MeetingBriefSchema = z.object({
  meetingId: IdSchema,
  /** Always `automatic-extracts`: sentences and figures picked from the papers by rule, not written by anyone. */
  label: z.literal(BRIEF_LABEL),
  /** The agenda's items in order (an item's sub-items after it), then the other papers if any. */
  sections: z.array(BriefSectionSchema),
});
export type MeetingBrief = z.infer<typeof MeetingBriefSchema>;
