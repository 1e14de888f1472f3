import type { Database } from 'better-sqlite3';

/**
 * Documents. A document is a title, an agenda item and an access list; its versions each
 * name a blob by SHA-256 (the same bytes uploaded twice are stored once). The text of each
 * page is kept for snippets, and indexed folded (no marks, `đ` as `d`: shared/domain/search-fold.ts)
 * so both engines match the same words: SQLite with FTS5, PostgreSQL with a GIN index of
 * `to_tsvector('simple', …)` (no extension needed; the folding is ours).
 *
 * Blobs: with SQLite, files under the data folder (`documents/`), a row per blob here; with
 * PostgreSQL, in the database itself (1 MiB chunks, stored uncompressed: PDFs are compressed
 * already and a range read then fetches only its chunks), so that every node serves every
 * document.
 *
 * Meetings gain their close, the recall of their papers, and what the presenter shows.
 * The meeting's `status` column keeps draft/published: a closed meeting is one with
 * `closed_at` (SQLite cannot widen the column's CHECK without rebuilding the table).
 */
export function sqlite(db: Database): void {
  db.exec(`
    ALTER TABLE meetings ADD COLUMN closed_at TEXT;
    ALTER TABLE meetings ADD COLUMN documents_recalled_at TEXT;
    ALTER TABLE meetings ADD COLUMN presentation TEXT;
    CREATE TABLE document_blobs (
      sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
      size INTEGER NOT NULL CHECK (size > 0),
      created_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE documents (
      id TEXT PRIMARY KEY,
      meeting_id TEXT NOT NULL REFERENCES meetings(id),
      agenda_item_id TEXT,
      title TEXT NOT NULL,
      current_version INTEGER NOT NULL,
      visible_to TEXT,
      revision INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id)
    );
    CREATE INDEX documents_meeting ON documents(meeting_id);
    CREATE TABLE document_versions (
      document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      sha256 TEXT NOT NULL REFERENCES document_blobs(sha256),
      size INTEGER NOT NULL,
      pages INTEGER NOT NULL,
      textless_pages TEXT NOT NULL,
      uploaded_at TEXT NOT NULL,
      uploaded_by TEXT NOT NULL REFERENCES users(id),
      PRIMARY KEY (document_id, version)
    ) WITHOUT ROWID;
    CREATE INDEX document_versions_blob ON document_versions(sha256);
    CREATE TABLE document_pages (
      document_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      page INTEGER NOT NULL,
      text TEXT NOT NULL,
      PRIMARY KEY (document_id, version, page),
      FOREIGN KEY (document_id, version) REFERENCES document_versions(document_id, version) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE document_search USING fts5(
      folded, document_id UNINDEXED, version UNINDEXED, page UNINDEXED, tokenize = 'unicode61'
    );
  `);
}

export const postgres = `
  ALTER TABLE meetings ADD COLUMN closed_at text, ADD COLUMN documents_recalled_at text, ADD COLUMN presentation text;
  CREATE TABLE document_blobs (
    sha256 text PRIMARY KEY CHECK (length(sha256) = 64),
    size bigint NOT NULL CHECK (size > 0),
    created_at text NOT NULL
  );
  CREATE TABLE document_blob_chunks (
    sha256 text NOT NULL REFERENCES document_blobs(sha256) ON DELETE CASCADE,
    idx integer NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (sha256, idx)
  );
  ALTER TABLE document_blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
  CREATE TABLE documents (
    id text PRIMARY KEY,
    meeting_id text NOT NULL REFERENCES meetings(id),
    agenda_item_id text,
    title text NOT NULL,
    current_version integer NOT NULL,
    visible_to text,
    revision integer NOT NULL,
    created_at text NOT NULL,
    created_by text NOT NULL REFERENCES users(id)
  );
  CREATE INDEX documents_meeting ON documents(meeting_id);
  CREATE TABLE document_versions (
    document_id text NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version integer NOT NULL,
    sha256 text NOT NULL REFERENCES document_blobs(sha256),
    size bigint NOT NULL,
    pages integer NOT NULL,
    textless_pages text NOT NULL,
    uploaded_at text NOT NULL,
    uploaded_by text NOT NULL REFERENCES users(id),
    PRIMARY KEY (document_id, version)
  );
  CREATE INDEX document_versions_blob ON document_versions(sha256);
  CREATE TABLE document_pages (
    document_id text NOT NULL,
    version integer NOT NULL,
    page integer NOT NULL,
    text text NOT NULL,
    folded tsvector NOT NULL,
    PRIMARY KEY (document_id, version, page),
    FOREIGN KEY (document_id, version) REFERENCES document_versions(document_id, version) ON DELETE CASCADE
  );
  CREATE INDEX document_pages_search ON document_pages USING gin (folded);
`;
