import { z } from 'zod';
import { IdSchema, optionalText, text } from './primitives.js';
import { PersonRefSchema, Sha256Schema } from './documents.js';

/**
 * Certificates and signatures. The server holds a meeting CA; a device enrols once (its
 * own key pair, a certificate signing request and a one-time code) and gets a certificate
 * bound to its user and itself. With it the person signs approvals of documents: a
 * detached CMS (PKCS#7) signature over a statement anyone can rebuild from the fields
 * (`shared/domain/signed-statements.ts`), checked by the server before it is accepted and
 * checkable years later with `openssl cms -verify`.
 */

/** The SHA-256 of a certificate's DER encoding, lower-case hex. */
export const FingerprintSchema = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 in lower-case hex');
/** A certificate's serial number, lower-case hex. */
export const SerialSchema = z.string().regex(/^[0-9a-f]{1,64}$/, 'serial in lower-case hex');
/** DER bytes in base64 (a CMS signature, a CSR). */
export const DerBase64Schema = (maxChars: number) =>
  z
    .string()
    .min(8)
    .max(maxChars)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64');
const PemSchema = z.string().startsWith('-----BEGIN CERTIFICATE-----').max(20_000);
const timestamp = z.iso.datetime({ offset: true });

/** A certificate as the server knows it: whose, which device, which CA, and whether revoked. */
export const CertificateInfoSchema = z.object({
  serial: SerialSchema,
  fingerprint: FingerprintSchema,
  userId: IdSchema,
  /** The device it was issued to; null for an outside identity (a PKCS#12 from another CA). */
  deviceId: IdSchema.nullable(),
  deviceName: z.string(),
  commonName: z.string(),
  issuerName: z.string(),
  /** Issued by an outside CA the server trusts by configuration, not by the meeting CA. */
  outside: z.boolean(),
  notBefore: timestamp,
  notAfter: timestamp,
  issuedAt: timestamp,
  revokedAt: timestamp.nullable(),
  revocationReason: z.string().nullable(),
});
export type CertificateInfo = z.infer<typeof CertificateInfoSchema>;

/** 12 letters and digits in three groups, without look-alikes (0/O, 1/I/L). */
export const EnrollmentCodeTextSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/, 'XXXX-XXXX-XXXX');

export const CreateEnrollmentCodeRequestSchema = z.strictObject({ userId: IdSchema });
/**
 * A one-time code for one person's device, shown once (the server keeps only its hash).
 * `link` is what the QR code carries: the server's web address, the CA's fingerprint and
 * the code (`…/#/enroll?code=…&ca=…`), so a device that scans it knows whom to trust.
 */
export const EnrollmentCodeSchema = z.object({
  code: EnrollmentCodeTextSchema,
  userId: IdSchema,
  displayName: z.string(),
  expiresAt: timestamp,
  caFingerprint: FingerprintSchema,
  link: z.string(),
});
export type EnrollmentCode = z.infer<typeof EnrollmentCodeSchema>;

export const EnrollRequestSchema = z.strictObject({
  code: EnrollmentCodeTextSchema,
  deviceName: text(100),
  /** A PKCS#10 request (DER, base64) for an RSA key of 2048 bits or more, signed by that key. */
  csr: DerBase64Schema(8000),
});
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;
export const EnrollAnswerSchema = z.object({
  certificate: PemSchema,
  caCertificate: PemSchema,
  info: CertificateInfoSchema,
});
export type EnrollAnswer = z.infer<typeof EnrollAnswerSchema>;

export const CertificateListSchema = z.object({ certificates: z.array(CertificateInfoSchema) });
export const RevokeCertificateRequestSchema = z.strictObject({ reason: text(500) });

/**
 * An outside identity (a person's certificate from a national CA, imported from PKCS#12 on
 * the device): the chain, and a signature by its key over the identity statement of
 * `shared/domain/signed-statements.ts`, which proves the device holds the key.
 */
export const RegisterOutsideCertificateRequestSchema = z.strictObject({
  certificates: z.array(PemSchema).min(1).max(5),
  provedAt: timestamp,
  proof: DerBase64Schema(24_000),
});

/** What the certificate of a device says today: a revoked device wipes its cache. */
export const CertificateStatusRequestSchema = z.strictObject({ fingerprint: FingerprintSchema });
export const CertificateStatusSchema = z.object({
  status: z.enum(['valid', 'revoked', 'unknown']),
  revokedAt: timestamp.nullable(),
  reason: z.string().nullable(),
});
export type CertificateStatus = z.infer<typeof CertificateStatusSchema>;

export const ApprovalDecisionSchema = z.enum(['approve', 'reject']);
export type ApprovalDecision = z.infer<typeof ApprovalDecisionSchema>;

/** The fields of `document:approve` that the signed statement is rebuilt from. */
export const approvalFields = {
  documentId: IdSchema,
  version: z.number().int().positive(),
  decision: ApprovalDecisionSchema,
  /** Required to reject, optional to approve. */
  reason: optionalText(1000),
  /** When the device signed; within 5 minutes of the server's clock (`SIGNING_TIME_SKEW`). */
  signedAt: timestamp,
  /** The detached CMS (DER, base64) over the approval statement. */
  signature: DerBase64Schema(24_000),
};

/** A recorded approval or rejection, as every user who may see the document sees it. */
export const ApprovalSchema = z.object({
  id: IdSchema,
  meetingId: IdSchema,
  documentId: IdSchema,
  version: z.number().int().positive(),
  sha256: Sha256Schema,
  decision: ApprovalDecisionSchema,
  reason: z.string().nullable(),
  signedAt: timestamp,
  /** When the server checked and recorded it: revocation is judged against this time. */
  receivedAt: timestamp,
  signer: PersonRefSchema,
  certificate: z.object({
    serial: SerialSchema,
    fingerprint: FingerprintSchema,
    commonName: z.string(),
    issuerName: z.string(),
    deviceName: z.string(),
    outside: z.boolean(),
  }),
  /**
   * `verified`: signature, chain, validity and revocation checked when it arrived.
   * `revoked-later`: the same, but the certificate was revoked afterwards (`revokedAt`):
   * the approval stays valid, signed before the revocation.
   */
  verification: z.enum(['verified', 'revoked-later']),
  revokedAt: timestamp.nullable(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

export const ApprovalListRequestSchema = z.strictObject({ meetingId: IdSchema });
export const ApprovalListSchema = z.object({ meetingId: IdSchema, approvals: z.array(ApprovalSchema) });
export type ApprovalList = z.infer<typeof ApprovalListSchema>;

/** Pushed to the users who may see the document, after an approval is recorded. */
export const ApprovalRecordedSchema = z.object({ meetingId: IdSchema, approval: ApprovalSchema });
export type ApprovalRecorded = z.infer<typeof ApprovalRecordedSchema>;

/**
 * A signed record: `record` is UTF-8 JSON text, `signature` a detached CMS over its bytes by
 * the server (a certificate of the meeting CA, whose PEM comes along). Check it with
 * `openssl cms -verify -binary -inform DER -in sig.der -content record.json -CAfile ca.pem -purpose any`.
 */
export const SignedRecordSchema = z.object({
  record: z.string(),
  signature: z.string(),
  caCertificate: PemSchema,
});
export type SignedRecord = z.infer<typeof SignedRecordSchema>;

/** A published vote result signed by the server: the statement and its detached CMS. */
export const ResultSignatureSchema = z.object({
  statement: z.string(),
  signature: z.string(),
  signedAt: timestamp,
  signer: z.object({ commonName: z.string(), serial: SerialSchema, fingerprint: FingerprintSchema }),
});
export type ResultSignature = z.infer<typeof ResultSignatureSchema>;
