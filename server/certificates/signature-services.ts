import {
  describeCertificate,
  signDetachedCms,
  verifyDetachedCms,
  type CertificateSummary,
  type CmsFailure,
  type CmsSigner,
} from '../../shared/signatures/index.js';
import type { ErrorCode, ResultSignature } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import type { MeetingCa } from '../pki/meeting-ca.js';
import { findCertificateByFingerprint, type CertificateRow } from './certificate-records.js';

/** The server's own signing identity (a certificate of the meeting CA, per node start). */
export interface ServerSigner {
  signer: CmsSigner;
  summary: CertificateSummary;
}

export type SignatureRefusal = { ok: false; code: ErrorCode; detail: string };
export type CheckedSignature = { ok: true; certificate: CertificateRow; summary: CertificateSummary };

const FAILURE_CODES: Record<CmsFailure, ErrorCode> = {
  MALFORMED: 'SIGNATURE_INVALID',
  CONTENT_CHANGED: 'SIGNATURE_INVALID',
  BAD_SIGNATURE: 'SIGNATURE_INVALID',
  NO_SIGNING_CERTIFICATE: 'SIGNATURE_INVALID',
  SIGNING_CERTIFICATE_MISMATCH: 'SIGNATURE_INVALID',
  NOT_FOR_SIGNING: 'SIGNATURE_INVALID',
  UNTRUSTED: 'CERTIFICATE_UNTRUSTED',
  EXPIRED: 'CERTIFICATE_EXPIRED',
  NOT_YET_VALID: 'CERTIFICATE_EXPIRED',
  REVOKED: 'CERTIFICATE_REVOKED',
};

/**
 * Checks signatures people send and makes the server's own. A person's signature counts
 * only if the CMS is intact over the very bytes the server rebuilt, its certificate chains
 * to the meeting CA (or an outside CA trusted by configuration) and is valid at the time
 * the server receives it (not the time the device claims), and the certificate is
 * registered here, to this person, and not revoked.
 */
export class SignatureServices {
  constructor(
    readonly ca: MeetingCa,
    /** Outside CAs trusted by configuration (`--trust-ca`), DER. */
    readonly outsideAnchors: readonly Uint8Array[],
    private readonly serverSigner: ServerSigner,
  ) {}

  get anchors(): Uint8Array[] {
    return [this.ca.certificateDer, ...this.outsideAnchors];
  }

  async checkPersonSignature(
    db: Db,
    userId: string,
    cms: Uint8Array,
    content: Uint8Array,
    now: Date,
  ): Promise<CheckedSignature | SignatureRefusal> {
    const verdict = await verifyDetachedCms(cms, content, { anchors: this.anchors, at: now });
    if (!verdict.ok) return { ok: false, code: FAILURE_CODES[verdict.reason], detail: verdict.detail };
    const certificate = await findCertificateByFingerprint(db, verdict.signer.fingerprint);
    if (!certificate || certificate.user_id !== userId)
      return { ok: false, code: 'CERTIFICATE_NOT_YOURS', detail: 'certificate not registered to the signer' };
    if (certificate.revoked_at !== null && certificate.revoked_at <= now.toISOString())
      return { ok: false, code: 'CERTIFICATE_REVOKED', detail: `revoked at ${certificate.revoked_at}` };
    return { ok: true, certificate, summary: verdict.signer };
  }

  /** A detached CMS by the server over a statement it vouches for (a published result, an export). */
  async signStatement(statement: string, now: Date): Promise<ResultSignature> {
    const cms = await signDetachedCms(new TextEncoder().encode(statement), this.serverSigner.signer, {
      signingTime: now,
    });
    const s = this.serverSigner.summary;
    return {
      statement,
      signature: Buffer.from(cms).toString('base64'),
      signedAt: now.toISOString(),
      signer: { commonName: s.commonName, serial: s.serialHex, fingerprint: s.fingerprint },
    };
  }
}

export async function serverSignerOf(signer: CmsSigner): Promise<ServerSigner> {
  return { signer, summary: await describeCertificate(signer.certificate) };
}
