import { z } from 'zod';
import { PIN_PATTERN } from '../../shared/client/pin-lock.js';
import {
  ApprovalDecisionSchema,
  EnrollmentCodeTextSchema,
  FingerprintSchema,
  IdSchema,
} from '../../shared/protocol/index.js';

/** What the page may hand the signing calls over IPC; anything else never reaches the core. */

const PinSchema = z.string().regex(PIN_PATTERN, '6 to 12 digits');
/** A PKCS#12 file of a person's certificate and key is a few kilobytes. */
export const MAX_PKCS12_BYTES = 256 * 1024;

export const EnrollInputSchema = z.strictObject({
  code: EnrollmentCodeTextSchema,
  caFingerprint: FingerprintSchema.optional(),
  deviceName: z.string().trim().min(1).max(100),
  pin: PinSchema,
});

export const ImportIdentityInputSchema = z.strictObject({
  p12: z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= MAX_PKCS12_BYTES, {
    message: `A PKCS#12 file of at most ${MAX_PKCS12_BYTES} bytes`,
  }),
  password: z.string().max(1000),
  pin: PinSchema,
});

export const ApproveInputSchema = z.strictObject({
  meetingId: IdSchema,
  documentId: IdSchema,
  version: z.number().int().positive().max(1_000_000),
  decision: ApprovalDecisionSchema,
  reason: z.string().max(1000).optional(),
  pin: PinSchema,
});

export const SignMinutesInputSchema = z.strictObject({ meetingId: IdSchema, pin: PinSchema });

export const RevokeArgsSchema = z.tuple([FingerprintSchema, z.string().trim().min(1).max(500)]);
/** A statement and its base64 CMS, as a published result carries them. */
export const StatementArgsSchema = z.tuple([z.string().max(100_000), z.string().max(100_000)]);
