import { uuidv7 } from 'uuidv7';
import { approvalStatement, statementBytes } from '../domain/signed-statements.js';
import {
  MinutesSigningStartAnswerSchema,
  protocolError,
  type Ack,
  type CertificateInfo,
  type CommandReceipt,
  type EnrollmentCode,
  type SignedRecord,
} from '../protocol/index.js';
import { sha256, signDetachedCms, toHex } from '../signatures/index.js';
import { fromBase64, toBase64 } from './base64.js';
import { asSigningKey } from './identity-keys.js';
import { isWellFormedPin } from './pin-lock.js';
import type { ApproveInput, SignMinutesInput, SigningApi, StatementCheck } from './signing-api.js';
import * as answers from './signing-answers.js';
import * as certificates from './signing-certificates.js';
import { callJson } from './signing-http.js';
import { DeviceIdentities } from './signing-identity.js';
import type { StoredSession } from './store.js';

export type { SigningHost } from './signing-identity.js';

/**
 * The core's signing half: this device's identity for the signed-in user (DeviceIdentities,
 * signing-identity.ts: made, imported, kept sealed under the PIN, erased, wiped when the server
 * revoked it), approvals and minutes signed with it, and the certificate routes over HTTP
 * (signing-certificates.ts). The private key is only ever unwrapped, non-extractable, for one
 * signature.
 */
export class DeviceSigning extends DeviceIdentities implements SigningApi {
  async approveDocument(input: ApproveInput): Promise<Ack<CommandReceipt>> {
    const session = this.host.session();
    if (!session) return { ok: false, error: protocolError('UNAUTHENTICATED') };
    if (!isWellFormedPin(input.pin)) return answers.pinFormatRefused();
    const doc = this.host.state().documents[input.meetingId]?.find((d) => d.id === input.documentId);
    if (!doc) return { ok: false, error: protocolError('NOT_FOUND') };
    if (doc.version !== input.version) return { ok: false, error: protocolError('STALE_DOCUMENT_VERSION') };
    // A signature's time must be the server's within minutes: it is never queued.
    if (!this.host.connected()) return { ok: false, error: protocolError('OFFLINE') };
    const unlocked = await this.unlock(session.user.id, input.pin);
    if (!unlocked.ok) return unlocked;
    const signedAt = this.host.now();
    const statement = approvalStatement({
      meetingId: input.meetingId,
      agendaItemId: doc.agendaItemId,
      documentId: doc.id,
      documentTitle: doc.title,
      version: doc.version,
      sha256: doc.sha256,
      decision: input.decision,
      reason: (input.reason ?? '').trim(),
      signerId: session.user.id,
      signedAt: signedAt.toISOString(),
    });
    const { identity, key } = unlocked.data;
    const signature = await signDetachedCms(
      statementBytes(statement),
      {
        certificate: fromBase64(identity.certificate),
        chain: identity.chain.map(fromBase64),
        privateKey: asSigningKey(key),
      },
      { signingTime: signedAt },
    );
    const answer = await this.host.emit<CommandReceipt>('document:approve', {
      commandId: uuidv7(),
      meetingId: input.meetingId,
      documentId: doc.id,
      version: doc.version,
      decision: input.decision,
      // The protocol wants the key, empty for an approval without a reason.
      reason: (input.reason ?? '').trim(),
      signedAt: signedAt.toISOString(),
      signature: toBase64(signature),
    });
    return answer ?? { ok: false, error: protocolError('OFFLINE') };
  }

  async signMinutes(input: SignMinutesInput): Promise<Ack<CommandReceipt>> {
    const session = this.host.session();
    if (!session) return { ok: false, error: protocolError('UNAUTHENTICATED') };
    if (!isWellFormedPin(input.pin)) return answers.pinFormatRefused();
    if (!this.host.connected()) return { ok: false, error: protocolError('OFFLINE') };
    const base = `/api/meetings/${encodeURIComponent(input.meetingId)}/minutes/signing`;
    const started = await callJson(this.host.http, session, 'POST', base, MinutesSigningStartAnswerSchema);
    if (!started.ok) return started;
    const { signingId, byteRange, digest } = started.data;
    const pdf = await this.download(session, `${base}/${encodeURIComponent(signingId)}.pdf`);
    if (!pdf) return { ok: false, error: protocolError('OFFLINE') };
    // What is signed is what this device read and may show, not what the server says it is.
    const content = byteRangeContent(pdf, byteRange);
    if (!content || toHex(await sha256(content)) !== digest) return answers.preparedMinutesChanged();
    const unlocked = await this.unlock(session.user.id, input.pin);
    if (!unlocked.ok) return unlocked;
    const { identity, key } = unlocked.data;
    // PAdES: the time is the dictionary's /M, inside the signed bytes; no CMS signing-time.
    const signature = await signDetachedCms(
      content,
      {
        certificate: fromBase64(identity.certificate),
        chain: identity.chain.map(fromBase64),
        privateKey: asSigningKey(key),
      },
      { signingTimeAttribute: false },
    );
    const answer = await this.host.emit<CommandReceipt>('minutes:sign', {
      commandId: uuidv7(),
      meetingId: input.meetingId,
      signingId,
      signature: toBase64(signature),
    });
    return answer ?? { ok: false, error: protocolError('OFFLINE') };
  }

  private async download(session: StoredSession, path: string): Promise<Uint8Array | null> {
    try {
      const res = await this.host.http(`${session.serverUrl}${path}`, {
        method: 'GET',
        headers: { authorization: `Bearer ${session.token}` },
      });
      if (!res.ok || !res.arrayBuffer) return null;
      return new Uint8Array(await res.arrayBuffer());
    } catch {
      return null;
    }
  }

  createEnrollmentCode(userId: string): Promise<Ack<EnrollmentCode>> {
    return certificates.createEnrollmentCode(this.host, userId);
  }

  listCertificates(): Promise<Ack<CertificateInfo[]>> {
    return certificates.listCertificates(this.host);
  }

  revokeCertificate(fingerprint: string, reason: string): Promise<Ack<CertificateInfo>> {
    return certificates.revokeCertificate(this.host, fingerprint, reason);
  }

  exportApprovals(meetingId: string): Promise<Ack<SignedRecord>> {
    return certificates.exportApprovals(this.host, meetingId);
  }

  checkServerStatement(statement: string, signature: string): Promise<StatementCheck> {
    return certificates.checkServerStatement(this.host, this.platform, statement, signature);
  }
}

/** Bytes `[0, b)` and `[c, c + d)` of the file, or null when the range does not describe it. */
export function byteRangeContent(pdf: Uint8Array, [zero, b, c, d]: readonly number[]): Uint8Array | null {
  if (zero !== 0 || b === undefined || c === undefined || d === undefined) return null;
  if (!(b > 0 && c > b + 1 && c + d === pdf.length)) return null;
  const out = new Uint8Array(b + d);
  out.set(pdf.subarray(0, b), 0);
  out.set(pdf.subarray(c, c + d), b);
  return out;
}
