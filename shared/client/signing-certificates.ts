import { statementBytes } from '../domain/signed-statements.js';
import {
  CertificateInfoSchema,
  CertificateListSchema,
  EnrollmentCodeSchema,
  SignedRecordSchema,
  type Ack,
  type CertificateInfo,
  type EnrollmentCode,
  type SignedRecord,
} from '../protocol/index.js';
import { fingerprintOf, verifyDetachedCms } from '../signatures/index.js';
import { fromBase64, pemToDer } from './base64.js';
import type { SigningPlatform } from './identity-vault.js';
import type { StatementCheck } from './signing-api.js';
import { callJson, fetchCaPem } from './signing-http.js';
import type { SigningHost } from './signing-identity.js';

/**
 * The certificate routes over HTTP that need no key of this device (enrolment codes, the
 * list, revocation, the approvals' export), and the check of a statement the server signed.
 * DeviceSigning (signing.ts) answers `SigningApi` with them.
 */
type CertificateHost = Pick<SigningHost, 'http' | 'session' | 'state'>;

export function createEnrollmentCode(host: CertificateHost, userId: string): Promise<Ack<EnrollmentCode>> {
  return callJson(host.http, host.session(), 'POST', '/api/pki/enrollment-codes', EnrollmentCodeSchema, {
    userId,
  });
}

export async function listCertificates(host: CertificateHost): Promise<Ack<CertificateInfo[]>> {
  const answer = await callJson(host.http, host.session(), 'GET', '/api/pki/certificates', CertificateListSchema);
  return answer.ok ? { ok: true, data: answer.data.certificates } : answer;
}

export function revokeCertificate(
  host: CertificateHost,
  fingerprint: string,
  reason: string,
): Promise<Ack<CertificateInfo>> {
  const path = `/api/pki/certificates/${encodeURIComponent(fingerprint)}/revoke`;
  return callJson(host.http, host.session(), 'POST', path, CertificateInfoSchema, { reason });
}

export function exportApprovals(host: CertificateHost, meetingId: string): Promise<Ack<SignedRecord>> {
  const path = `/api/meetings/${encodeURIComponent(meetingId)}/approvals/export`;
  return callJson(host.http, host.session(), 'GET', path, SignedRecordSchema);
}

export async function checkServerStatement(
  host: CertificateHost,
  platform: SigningPlatform | null,
  statement: string,
  signature: string,
): Promise<StatementCheck> {
  const userId = host.state().user?.id;
  const stored = userId && platform ? await platform.vault.load(userId).catch(() => null) : null;
  // The CA this device enrolled with; an outside identity's CA never signs the server's statements.
  let ca = stored && !stored.info.outside && stored.chain[0] ? fromBase64(stored.chain[0]) : null;
  if (!ca) {
    const serverUrl = host.session()?.serverUrl ?? host.state().serverUrl;
    const pem = serverUrl ? await fetchCaPem(host.http, serverUrl) : null;
    if (pem === null) return { valid: false, reason: 'The meeting CA could not be fetched from the server' };
    ca = pemToDer(pem);
  }
  let cms: Uint8Array;
  try {
    cms = fromBase64(signature);
  } catch {
    return { valid: false, reason: 'The signature is not base64' };
  }
  const verdict = await verifyDetachedCms(cms, statementBytes(statement), { anchors: [ca] });
  if (!verdict.ok) return { valid: false, reason: `${verdict.reason}: ${verdict.detail}` };
  return {
    valid: true,
    signer: verdict.signer.commonName,
    signedAt: verdict.signingTime?.toISOString() ?? '',
    caFingerprint: await fingerprintOf(ca),
  };
}
