import { identityStatement, SIGNING_TIME_TOLERANCE_MS, statementBytes } from '../../shared/domain/index.js';
import type { CertificateInfo, ErrorCode } from '../../shared/protocol/index.js';
import { describeCertificate, verifyDetachedCms } from '../../shared/signatures/index.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Store } from '../db/store.js';
import type { UserRecord } from '../users/user-queries.js';
import { findCertificateByFingerprint, insertCertificate, publicCertificate } from './certificate-records.js';
import type { SignatureServices } from './signature-services.js';

function pemToDer(pem: string): Uint8Array | null {
  const body = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/.exec(pem)?.[1];
  return body ? new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64')) : null;
}

type Answer = { ok: true; certificate: CertificateInfo } | { ok: false; code: ErrorCode };

/**
 * A person's certificate from an outside CA (a national CA's digital signature, imported
 * from PKCS#12 on their device) becomes one of their signing identities. It must chain to
 * a CA trusted by configuration (never the meeting CA: ours are issued by enrolment), be
 * valid now, and the person must prove they hold its key by signing the identity statement.
 * Once registered to one person it can never speak for another.
 */
export async function registerOutsideCertificate(
  store: Store,
  signatures: SignatureServices,
  user: UserRecord,
  request: { certificates: string[]; provedAt: string; proof: string },
  now: Date,
): Promise<Answer> {
  if (Math.abs(Date.parse(request.provedAt) - now.getTime()) > SIGNING_TIME_TOLERANCE_MS)
    return { ok: false, code: 'SIGNING_TIME_SKEW' };
  const leaf = pemToDer(request.certificates[0] ?? '');
  if (!leaf) return { ok: false, code: 'SIGNATURE_INVALID' };
  let summary;
  try {
    summary = await describeCertificate(leaf);
  } catch {
    return { ok: false, code: 'SIGNATURE_INVALID' };
  }
  const statement = identityStatement({
    userId: user.id,
    fingerprint: summary.fingerprint,
    provedAt: request.provedAt,
  });
  const verdict = await verifyDetachedCms(Buffer.from(request.proof, 'base64'), statementBytes(statement), {
    anchors: [...signatures.outsideAnchors],
    at: now,
  });
  if (!verdict.ok) {
    const code: ErrorCode =
      verdict.reason === 'UNTRUSTED'
        ? 'CERTIFICATE_UNTRUSTED'
        : verdict.reason === 'EXPIRED' || verdict.reason === 'NOT_YET_VALID'
          ? 'CERTIFICATE_EXPIRED'
          : verdict.reason === 'REVOKED'
            ? 'CERTIFICATE_REVOKED'
            : 'SIGNATURE_INVALID';
    return { ok: false, code };
  }
  if (verdict.signer.fingerprint !== summary.fingerprint) return { ok: false, code: 'SIGNATURE_INVALID' };
  return store.transaction(async (tx): Promise<Answer> => {
    const known = await findCertificateByFingerprint(tx, summary.fingerprint);
    if (known && known.user_id !== user.id) return { ok: false, code: 'CERTIFICATE_NOT_YOURS' };
    if (known?.revoked_at) return { ok: false, code: 'CERTIFICATE_REVOKED' };
    if (known) return { ok: true, certificate: publicCertificate(known) };
    const row = {
      serial: summary.serialHex,
      fingerprint: summary.fingerprint,
      user_id: user.id,
      device_id: null,
      device_name: summary.commonName,
      common_name: summary.commonName,
      issuer_name: summary.issuer,
      outside: 1,
      certificate_pem: request.certificates[0] ?? '',
      not_before: summary.notBefore.toISOString(),
      not_after: summary.notAfter.toISOString(),
      issued_at: now.toISOString(),
      revoked_at: null,
      revoked_by: null,
      revocation_reason: null,
    };
    await insertCertificate(tx, row);
    await appendAudit(tx, store, {
      at: now.toISOString(),
      actorId: user.id,
      action: 'certificate:register-outside',
      meetingId: null,
      detail: { serial: row.serial, fingerprint: row.fingerprint, issuer: row.issuer_name },
    });
    return { ok: true, certificate: publicCertificate(row) };
  });
}
