import type { Generated } from 'kysely';

// What proves something later: enrolment codes and certificates, the signatures on approvals,
// vote results and minutes, and the hash-chained audit log. Part of the schema: schema.ts says
// the column types' common ground.

export interface EnrollmentCodesTable {
  /** SHA-256 of the code: the code itself is shown once and never stored. */
  code_hash: string;
  user_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  certificate_serial: string | null;
}

export interface CertificatesTable {
  serial: string;
  fingerprint: string;
  user_id: string;
  device_id: string | null;
  device_name: string;
  common_name: string;
  issuer_name: string;
  outside: number;
  certificate_pem: string;
  not_before: string;
  not_after: string;
  issued_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revocation_reason: string | null;
}

export interface DocumentApprovalsTable {
  id: string;
  meeting_id: string;
  document_id: string;
  version: number;
  sha256: string;
  user_id: string;
  decision: 'approve' | 'reject';
  reason: string | null;
  signed_at: string;
  received_at: string;
  certificate_fingerprint: string;
  /** The statement and the CMS (base64) exactly as received. */
  statement: string;
  signature: string;
  /** SHA-256 of the statement: the same signed decision counts once, however its CMS is wrapped. */
  statement_hash: string;
}

export interface VoteResultSignaturesTable {
  vote_id: string;
  statement: string;
  signature: string;
  signed_at: string;
  signer_common_name: string;
  signer_serial: string;
  signer_fingerprint: string;
}

/** A round of signing of a meeting's minutes (migration 130). */
export interface MinutesSigningsTable {
  id: string;
  meeting_id: string;
  draft_version: number;
  state: 'awaiting-chair' | 'awaiting-secretary' | 'signed' | 'abandoned';
  /** The PDF as signed so far. */
  pdf: Uint8Array;
  pending_id: string | null;
  pending_pdf: Uint8Array | null;
  /** JSON of the four numbers of /ByteRange. */
  pending_range: string | null;
  pending_time: string | null;
  pending_for: string | null;
  chair_id: string | null;
  chair_signed_at: string | null;
  secretary_id: string | null;
  secretary_signed_at: string | null;
  document_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  /** Which hash chain the row belongs to: a meeting's id, or `global` (see audit-log.ts). */
  chain: Generated<string>;
  at: string;
  actor_id: string | null;
  action: string;
  meeting_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  chain: string;
  hash: string;
}
