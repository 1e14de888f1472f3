import { z } from 'zod';

/** Ids are UUIDs (v7 when made by our clients: time-ordered, safe to make offline). */
export const IdSchema = z.uuid();
export type Id = z.infer<typeof IdSchema>;

/** Trimmed, non-empty, bounded text: what a person types into a form field. */
export const text = (max: number) => z.string().trim().min(1).max(max);
