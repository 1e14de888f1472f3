import type { Database } from 'better-sqlite3';

/**
 * The signing of the minutes (issue 12, "Signed minutes"): one row per round. The secretary
 * freezes a saved draft (`draft_version`), the server renders it (`pdf`), the chair and then
 * a secretary each add a PAdES signature as an incremental update: `pdf` is always the file
 * as signed so far. The `pending_*` columns are the revision prepared for the signer whose
 * turn it is (signature field added, /ByteRange written, zeros in /Contents): what their
 * device downloads, hashes and signs; it is used once. A round ends `signed` or, when the
 * secretary starts again or edits the draft, `abandoned`. At most one open round per meeting.
 * `document_id`: the document of the meeting the signed file became.
 */
const columns = (bytes: string) => `
  CREATE TABLE minutes_signings (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    draft_version INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('awaiting-chair', 'awaiting-secretary', 'signed', 'abandoned')),
    pdf ${bytes} NOT NULL,
    pending_id TEXT UNIQUE,
    pending_pdf ${bytes},
    pending_range TEXT,
    pending_time TEXT,
    pending_for TEXT REFERENCES users(id),
    chair_id TEXT REFERENCES users(id),
    chair_signed_at TEXT,
    secretary_id TEXT REFERENCES users(id),
    secretary_signed_at TEXT,
    document_id TEXT REFERENCES documents(id),
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((pending_id IS NULL) = (pending_pdf IS NULL))
  );
  CREATE UNIQUE INDEX minutes_signings_open ON minutes_signings(meeting_id)
    WHERE state IN ('awaiting-chair', 'awaiting-secretary');
  CREATE INDEX minutes_signings_meeting ON minutes_signings(meeting_id, created_at);
`;

export function sqlite(db: Database): void {
  db.exec(columns('BLOB'));
}

export const postgres = columns('BYTEA');
