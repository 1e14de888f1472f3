import { z } from 'zod';
import { IdSchema } from './primitives.js';

/**
 * Signing the minutes (issue 12): the secretary freezes a saved draft (`minutes:finalize`),
 * the server renders it to PDF, then the chair and after them a secretary each add a PAdES
 * signature made on their own device, as an incremental update. A signer asks for the
 * revision prepared for them over HTTP (`POST …/minutes/signing`), downloads it, checks the
 * digest of its byte range themselves, and sends the detached CMS (`minutes:sign`). Once both
 * have signed, the file is a document of the meeting for every participant, and
 * `minutes.pdf` answers it.
 */
export const MinutesSigningStateSchema = z.enum(['awaiting-chair', 'awaiting-secretary', 'signed', 'abandoned']);
export type MinutesSigningState = z.infer<typeof MinutesSigningStateSchema>;

const timestamp = z.iso.datetime({ offset: true });

/** The latest round of signing of a meeting's minutes, as the secretaries and the chair see it. */
export const MinutesSigningSchema = z.object({
  id: IdSchema,
  /** The draft version that was frozen. */
  draftVersion: z.number().int().positive(),
  state: MinutesSigningStateSchema,
  chairSignedBy: IdSchema.nullable(),
  chairSignedAt: timestamp.nullable(),
  secretarySignedBy: IdSchema.nullable(),
  secretarySignedAt: timestamp.nullable(),
  /** The document of the meeting the signed minutes became, once both have signed. */
  documentId: IdSchema.nullable(),
  updatedAt: timestamp,
});
export type MinutesSigning = z.infer<typeof MinutesSigningSchema>;

/** The four numbers of the signature's /ByteRange: [0, start of /Contents, its end, length of the rest]. */
export const ByteRangeSchema = z.tuple([
  z.literal(0),
  z.number().int().positive(),
  z.number().int().positive(),
  z.number().int().nonnegative(),
]);

/**
 * The revision prepared for the signer whose turn it is. The device downloads it
 * (`GET …/minutes/signing/{signingId}.pdf`), computes SHA-256 over bytes `[0, b)` and
 * `[c, c + d)` itself and refuses to sign when that is not `digest`.
 */
export const MinutesSigningStartAnswerSchema = z.object({
  signingId: IdSchema,
  byteRange: ByteRangeSchema,
  /** Hex SHA-256 of the byte-range content: what the CMS's messageDigest must be. */
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  /** The time written in the signature dictionary (/M). */
  signingTime: timestamp,
  /** Who signs this revision: the chair first, then a secretary. */
  as: z.enum(['chair', 'secretary']),
});
export type MinutesSigningStartAnswer = z.infer<typeof MinutesSigningStartAnswerSchema>;
