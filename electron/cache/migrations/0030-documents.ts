import type { Migration } from './migration.js';

/**
 * Documents. `document_lists`: per meeting, the documents the user may see as last listed
 * (one row, so a list is replaced atomically), shown offline after a restart.
 * `document_copies`: the verified copies in the cache folder, by SHA-256; a file without a
 * row there is not trusted (a crash between its rename and its row) and is deleted.
 */
export const migration0030Documents: Migration = {
  version: 30,
  name: 'documents',
  up(db) {
    db.exec(`
      CREATE TABLE document_lists (
        meeting_id TEXT PRIMARY KEY,
        list_json TEXT NOT NULL,
        saved_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE document_copies (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        size INTEGER NOT NULL CHECK (size >= 0),
        verified_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
