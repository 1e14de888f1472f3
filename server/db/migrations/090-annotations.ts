import type { Database } from 'better-sqlite3';

/**
 * Delegates' annotations on document versions. A row is one annotation as its author last
 * saved it; a deleted one stays as a tombstone (geometry and text emptied) so that a device
 * that was offline learns it is gone instead of sending it back.
 *
 * `rev` orders one author's writes: it comes from `annotation_heads` under the author's lock,
 * and the highest wins on every device. Others who see a shared one get `edits` in its place
 * (this annotation's count of the writes they could see): the author's rev would tell them how
 * many private notes the author wrote in between. `folded` is the text and quote folded for search
 * (diacritics off), as the papers' search does.
 */
const table = (real: string) => `
  CREATE TABLE annotations (
    id TEXT PRIMARY KEY,
    author_id TEXT NOT NULL REFERENCES users(id),
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    document_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    page INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('highlight', 'ink', 'note')),
    geometry TEXT,
    color TEXT NOT NULL,
    opacity ${real} NOT NULL,
    body TEXT NOT NULL,
    quote TEXT NOT NULL,
    folded TEXT NOT NULL,
    shared INTEGER NOT NULL CHECK (shared IN (0, 1)),
    carried_from TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    rev INTEGER NOT NULL,
    edits INTEGER NOT NULL,
    deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    FOREIGN KEY (document_id, version) REFERENCES document_versions(document_id, version) ON DELETE CASCADE
  );
  CREATE UNIQUE INDEX annotations_author_rev ON annotations(author_id, rev);
  CREATE INDEX annotations_shared ON annotations(meeting_id, document_id) WHERE shared = 1 AND deleted = 0;
  CREATE INDEX annotations_meeting_author ON annotations(meeting_id, author_id);
  CREATE TABLE annotation_heads (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    rev INTEGER NOT NULL
  );
`;

export function sqlite(db: Database): void {
  db.exec(table('REAL'));
}

export const postgres = table('double precision');
