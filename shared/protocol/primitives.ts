import { z } from 'zod';

/** Ids are UUIDs (v7 when made by our clients: time-ordered, safe to make offline). */
export const IdSchema = z.uuid();
export type Id = z.infer<typeof IdSchema>;

export const MEETING_ROLES = ['secretary', 'chair', 'delegate', 'observer'] as const;
export const MeetingRoleSchema = z.enum(MEETING_ROLES);
export type MeetingRole = z.infer<typeof MeetingRoleSchema>;

/**
 * Control characters other than tab and line breaks: nothing a person types, and NUL cannot
 * even be stored in PostgreSQL's text.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Trimmed, non-empty, bounded text: what a person types into a form field. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL.test(s), 'No control characters');

/** Like `text`, but may be empty. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !CONTROL.test(s), 'No control characters');

/**
 * Whether a decoded JSON value holds a `__proto__` key anywhere, or nests deeper than any
 * message of the protocol does (where the search stops). JSON.parse makes `__proto__` an own
 * property, and some schemas (zod's records) drop it silently instead of refusing it; a
 * payload that carries one is hostile or broken, and is refused whole.
 */
export function hasPrototypeKey(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth > 32) return true;
  if (Array.isArray(value)) return value.some((v) => hasPrototypeKey(v, depth + 1));
  return Object.keys(value).some(
    (k) => k === '__proto__' || hasPrototypeKey((value as Record<string, unknown>)[k], depth + 1),
  );
}

/** Inbound socket messages are small; documents travel over HTTP only. */
export const SOCKET_MAX_MESSAGE_BYTES = 64 * 1024;
