import type { Migration } from './migration.js';

/**
 * Annotations the device holds (shared/client/store.ts): the user's own, tombstones too, and
 * others' shared ones. Keyed by user and id, not by id alone: a shared note is held once for
 * its author and again for a second person on the same tablet, and neither copy may move or
 * overwrite the other. `rev` is a column so the upsert can keep the newer version in SQL.
 * `annotation_cursors`: per user, where `annotation:sync` resumes.
 */
export const migration0050Annotations: Migration = {
  version: 50,
  name: 'annotations',
  up(db) {
    db.exec(`
      CREATE TABLE annotations (
        user_id TEXT NOT NULL,
        id TEXT NOT NULL,
        document_id TEXT NOT NULL,
        rev INTEGER NOT NULL,
        record_json TEXT NOT NULL,
        PRIMARY KEY (user_id, id)
      ) STRICT;

      CREATE INDEX annotations_user_document ON annotations (user_id, document_id);

      CREATE TABLE annotation_cursors (
        user_id TEXT PRIMARY KEY,
        rev INTEGER NOT NULL CHECK (rev >= 0)
      ) STRICT;
    `);
  },
};
