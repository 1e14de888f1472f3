import type { ApprovalDecision } from '../protocol/index.js';

/**
 * What a signature signs. Each statement is JSON text with its keys in a fixed order, so the
 * signer and every later verifier (the server, an auditor with `openssl cms -verify
 * -content statement.json`) rebuild the very same bytes from the fields. Its `type` names the
 * kind and version: a signature made for one kind never passes for another.
 */

export interface ApprovalStatementFields {
  meetingId: string;
  agendaItemId: string | null;
  documentId: string;
  documentTitle: string;
  version: number;
  /** The SHA-256 of the version's bytes: the signature is over the paper itself. */
  sha256: string;
  decision: ApprovalDecision;
  reason: string;
  signerId: string;
  signedAt: string;
}

export const APPROVAL_STATEMENT_TYPE = 'cabinet/document-approval/v1';

export function approvalStatement(f: ApprovalStatementFields): string {
  return JSON.stringify({
    type: APPROVAL_STATEMENT_TYPE,
    meetingId: f.meetingId,
    agendaItemId: f.agendaItemId,
    documentId: f.documentId,
    documentTitle: f.documentTitle,
    version: f.version,
    sha256: f.sha256,
    decision: f.decision,
    reason: f.reason,
    signerId: f.signerId,
    signedAt: f.signedAt,
  });
}

export interface IdentityStatementFields {
  userId: string;
  /** SHA-256 of the certificate being registered. */
  fingerprint: string;
  provedAt: string;
}

export const IDENTITY_STATEMENT_TYPE = 'cabinet/identity-proof/v1';

/** Signed by an outside certificate's key to register it: proves the device holds that key. */
export function identityStatement(f: IdentityStatementFields): string {
  return JSON.stringify({
    type: IDENTITY_STATEMENT_TYPE,
    userId: f.userId,
    fingerprint: f.fingerprint,
    provedAt: f.provedAt,
  });
}

export const VOTE_RESULT_STATEMENT_TYPE = 'cabinet/vote-result/v1';
export const APPROVAL_RECORD_TYPE = 'cabinet/approval-record/v1';

/** Statements travel as UTF-8 bytes (written out here: shared/ has neither DOM nor Node's TextEncoder type). */
export function statementBytes(statement: string): Uint8Array {
  const out: number[] = [];
  for (const ch of statement) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** A device's clock may drift this far from the server's; a signature older than this is a replay. */
export const SIGNING_TIME_TOLERANCE_MS = 5 * 60 * 1000;
