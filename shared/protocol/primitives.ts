import { z } from 'zod';

/** Ids are UUIDs (v7 when made by our clients: time-ordered, safe to make offline). */
export const IdSchema = z.uuid();
export type Id = z.infer<typeof IdSchema>;

/** Trimmed, non-empty, bounded text: what a person types into a form field. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * Whether a decoded JSON value holds a `__proto__` key anywhere. JSON.parse makes it an own
 * property, and some schemas (zod's records) drop it silently instead of refusing it; a
 * payload that carries one is hostile or broken, and is refused whole.
 */
export function hasPrototypeKey(value: unknown, depth = 0): boolean {
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => hasPrototypeKey(v, depth + 1));
  return Object.keys(value).some(
    (k) => k === '__proto__' || hasPrototypeKey((value as Record<string, unknown>)[k], depth + 1),
  );
}
