import type { Database } from 'better-sqlite3';

/**
 * Certificates issued to devices (and outside identities registered by their holders),
 * one-time enrolment codes (only their hashes), signed approvals of documents, and the
 * server's signatures over published vote results. The meeting CA itself is migration 70.
 *
 * An approval keeps the statement and the CMS exactly as received, so that anyone can check
 * it again later; `statement_hash` makes the same signed decision count once.
 */
const TABLES = `
  CREATE TABLE enrollment_codes (
    code_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    certificate_serial TEXT
  );
  CREATE INDEX enrollment_codes_user ON enrollment_codes(user_id);
  CREATE TABLE certificates (
    fingerprint TEXT PRIMARY KEY CHECK (length(fingerprint) = 64),
    serial TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    device_id TEXT,
    device_name TEXT NOT NULL,
    common_name TEXT NOT NULL,
    issuer_name TEXT NOT NULL,
    outside INTEGER NOT NULL CHECK (outside IN (0, 1)),
    certificate_pem TEXT NOT NULL,
    not_before TEXT NOT NULL,
    not_after TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    revoked_at TEXT,
    revoked_by TEXT REFERENCES users(id),
    revocation_reason TEXT
  );
  CREATE INDEX certificates_user ON certificates(user_id);
  -- The meeting CA's serials are unique; an outside CA's may be anything.
  CREATE UNIQUE INDEX certificates_meeting_serial ON certificates(serial) WHERE outside = 0;
  CREATE TABLE document_approvals (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
    reason TEXT,
    signed_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    certificate_fingerprint TEXT NOT NULL REFERENCES certificates(fingerprint),
    statement TEXT NOT NULL,
    signature TEXT NOT NULL,
    statement_hash TEXT NOT NULL UNIQUE
  );
  CREATE INDEX document_approvals_meeting ON document_approvals(meeting_id, received_at);
  CREATE TABLE vote_result_signatures (
    vote_id TEXT PRIMARY KEY REFERENCES votes(id),
    statement TEXT NOT NULL,
    signature TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    signer_common_name TEXT NOT NULL,
    signer_serial TEXT NOT NULL,
    signer_fingerprint TEXT NOT NULL
  );
`;

export function sqlite(db: Database): void {
  db.exec(TABLES);
}

export const postgres = TABLES;
