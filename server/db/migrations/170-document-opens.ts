import type { Database } from 'better-sqlite3';

/**
 * The version of each document a person last opened (issue 14, "Brief for each delegate"):
 * one row per person and document, written when the person fetches the document's bytes,
 * holding the highest version they fetched. It is read only for that person's own brief
 * ("what changed since you last opened it") and shown to nobody else. No foreign keys: a
 * deleted document's rows go with it in `deleteDocument`.
 */
const script = `
  CREATE TABLE document_opens (
    user_id TEXT NOT NULL,
    document_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    opened_at TEXT NOT NULL,
    PRIMARY KEY (user_id, document_id)
  );
  CREATE INDEX document_opens_document ON document_opens(document_id);
`;

export function sqlite(db: Database): void {
  db.exec(script);
}

export const postgres = script;
