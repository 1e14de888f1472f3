import { webcrypto } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { approvalStatement, statementBytes } from '../../shared/domain/index.js';
import type { ApprovalDecision, DocumentInfo, EnrollAnswer, EnrollmentCode } from '../../shared/protocol/index.js';
import { makeCertificationRequest, signDetachedCms, type CmsSigner } from '../../shared/signatures/index.js';

/**
 * A device as an outside test client makes one: its own RSA key pair (WebCrypto), a
 * certification request, a code handed out by a secretary or admin, and the answer of
 * `POST /api/pki/enroll`. Then approvals signed with it, built from the protocol's statement.
 */
export interface SigningDevice {
  userId: string;
  token: string;
  signer: CmsSigner;
  certificatePem: string;
  fingerprint: string;
  caPem: string;
}

export async function postJson<T>(
  url: string,
  token: string | null,
  body: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export function pemToDer(pem: string): Uint8Array {
  const body = pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

export async function enrollmentCode(url: string, token: string, userId: string): Promise<EnrollmentCode> {
  const answer = await postJson<EnrollmentCode>(`${url}/api/pki/enrollment-codes`, token, { userId });
  if (answer.status !== 201) throw new Error(`enrolment code refused: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function makeDeviceKey(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
}

export async function requestFor(keys: webcrypto.CryptoKeyPair, userId: string): Promise<string> {
  const csr = await makeCertificationRequest({
    publicKey: keys.publicKey,
    privateKey: keys.privateKey,
    commonName: 'Thiết bị thử',
    userId,
    deviceId: uuidv7(),
  });
  return Buffer.from(csr).toString('base64');
}

/** Enrols a device of the signed-in user with a code made by `issuerToken` (a secretary or admin). */
export async function enrollDevice(
  url: string,
  issuerToken: string,
  user: { id: string; token: string },
): Promise<SigningDevice> {
  const code = await enrollmentCode(url, issuerToken, user.id);
  const keys = await makeDeviceKey();
  const answer = await postJson<EnrollAnswer>(`${url}/api/pki/enroll`, user.token, {
    code: code.code,
    deviceName: 'Máy tính bảng thử',
    csr: await requestFor(keys, user.id),
  });
  if (answer.status !== 201) throw new Error(`enrolment refused: ${answer.status} ${JSON.stringify(answer.body)}`);
  return {
    userId: user.id,
    token: user.token,
    signer: {
      certificate: pemToDer(answer.body.certificate),
      chain: [pemToDer(answer.body.caCertificate)],
      privateKey: keys.privateKey,
    },
    certificatePem: answer.body.certificate,
    fingerprint: answer.body.info.fingerprint,
    caPem: answer.body.caCertificate,
  };
}

export interface ApprovalPayload {
  commandId: string;
  meetingId: string;
  documentId: string;
  version: number;
  decision: ApprovalDecision;
  reason: string;
  signedAt: string;
  signature: string;
}

/** A `document:approve` command for a document as listed, signed by this signer for this person. */
export async function signedApproval(
  doc: DocumentInfo,
  signerId: string,
  signer: CmsSigner,
  options: { decision?: ApprovalDecision; reason?: string; signedAt?: Date } = {},
): Promise<{ payload: ApprovalPayload; statement: string }> {
  const signedAt = (options.signedAt ?? new Date()).toISOString();
  const decision = options.decision ?? 'approve';
  const reason = options.reason ?? '';
  const statement = approvalStatement({
    meetingId: doc.meetingId,
    agendaItemId: doc.agendaItemId,
    documentId: doc.id,
    documentTitle: doc.title,
    version: doc.version,
    sha256: doc.sha256,
    decision,
    reason,
    signerId,
    signedAt,
  });
  const cms = await signDetachedCms(statementBytes(statement), signer, { signingTime: new Date(signedAt) });
  const payload = {
    commandId: uuidv7(),
    meetingId: doc.meetingId,
    documentId: doc.id,
    version: doc.version,
    decision,
    reason,
    signedAt,
    signature: Buffer.from(cms).toString('base64'),
  };
  return { payload, statement };
}
