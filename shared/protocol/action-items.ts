import { z } from 'zod';
import { IdSchema } from './primitives.js';
import { MinutesTaskSchema } from './minutes.js';

/**
 * The assistant's action items (issue 14): sentences of the papers and of the minutes' draft
 * that assign work or set a deadline, with who, what and when as written, and the secretary's
 * decision on each. Kept apart from assistant.ts (the ask and the brief).
 */

/** Where an item was found: a page of a paper's version, or a text of the minutes' draft. */
export const ActionItemSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('document'),
    documentId: IdSchema,
    version: z.number().int().positive(),
    page: z.number().int().positive().max(100_000),
  }),
  z.strictObject({
    kind: z.literal('minutes'),
    /** The minutes' agenda item, by its number ("1", "2.1"). */
    agendaNumber: z.string().regex(/^\d{1,3}(\.\d{1,3}){0,5}$/, '1, 1.1 …'),
    field: z.enum(['discussion', 'decisions']),
  }),
]);
export type ActionItemSource = z.infer<typeof ActionItemSourceSchema>;

/** An item's key: a hash of its source (the paper, or the minutes' item) and its sentence. */
export const ActionItemKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'An action item key');

/** A deadline as YYYY-MM-DD, YYYY-MM or YYYY. */
export const DueIsoSchema = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'YYYY-MM-DD');

/**
 * Who, what and when as the secretary leaves them (each optional: what is left out stays as
 * found). Checked as the minutes' task they become (NFC first, then bounded), so that the
 * decision, the list and the draft hold the same composed words.
 */
export const ActionItemEditsSchema = {
  who: MinutesTaskSchema.shape.who.optional(),
  what: MinutesTaskSchema.shape.what.optional(),
  /** The deadline as it should read ("trước ngày 31/12/2026"); '' for none. */
  when: MinutesTaskSchema.shape.deadline.optional(),
  whenIso: DueIsoSchema.nullable().optional(),
};

export const ACTION_ITEM_STATUSES = ['candidate', 'confirmed', 'dropped'] as const;
export const ActionItemStatusSchema = z.enum(ACTION_ITEM_STATUSES);
export type ActionItemStatus = z.infer<typeof ActionItemStatusSchema>;

export const ActionItemSchema = z.object({
  key: ActionItemKeySchema,
  source: ActionItemSourceSchema,
  /** The paper's title (a paper's item), or the minutes' agenda item's title. */
  title: z.string(),
  /** The agenda item the source belongs to (null: none). */
  agendaItemId: IdSchema.nullable(),
  /** The sentence as written in the paper or the minutes. */
  sentence: z.string(),
  who: z.string(),
  what: z.string(),
  when: z.string().nullable(),
  whenIso: z.string().nullable(),
  status: ActionItemStatusSchema,
  /** Decided items: by whom (display name) and when. */
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** A decided item whose sentence is no longer in the paper's current version (or the draft). */
  gone: z.boolean(),
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

export const ACTION_ITEMS_LABEL = 'automatic-extracts' as const;

/**
 * `GET /api/meetings/{id}/assistant/action-items`. The secretaries (and admins) get every
 * candidate with its decision (`mayDecide`); everyone else gets the confirmed items of the
 * papers they may see (and of the minutes if they may read them). Nothing of a paper the
 * caller may not see is in it, not even a count.
 */
export const ActionItemsAnswerSchema = z.object({
  meetingId: IdSchema,
  label: z.literal(ACTION_ITEMS_LABEL),
  mayDecide: z.boolean(),
  items: z.array(ActionItemSchema),
});
export type ActionItemsAnswer = z.infer<typeof ActionItemsAnswerSchema>;
