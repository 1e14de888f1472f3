// The documents, their versions, bytes and page texts, and the annotations on them. Part of
// the schema: schema.ts says the column types' common ground.

/** A document's bytes, named by their SHA-256 (lower-case hex). */
export interface DocumentBlobsTable {
  sha256: string;
  size: number;
  created_at: string;
}

/** PostgreSQL only: a blob's bytes, 1 MiB per row. */
export interface DocumentBlobChunksTable {
  sha256: string;
  idx: number;
  data: Uint8Array;
}

export interface DocumentsTable {
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  title: string;
  current_version: number;
  /** JSON of VisibleTo, or null for every participant. */
  visible_to: string | null;
  revision: number;
  created_at: string;
  created_by: string;
}

export interface DocumentVersionsTable {
  document_id: string;
  version: number;
  sha256: string;
  size: number;
  pages: number;
  /** JSON array of page numbers without a text layer. */
  textless_pages: string;
  uploaded_at: string;
  uploaded_by: string;
}

/** Each page's text as extracted; on PostgreSQL also its folded tsvector (`folded`, written by SQL). */
export interface DocumentPagesTable {
  document_id: string;
  version: number;
  page: number;
  text: string;
}

/** The highest version of a document a person fetched (migration 170): theirs alone to read. */
export interface DocumentOpensTable {
  user_id: string;
  document_id: string;
  version: number;
  opened_at: string;
}

export interface AnnotationsTable {
  id: string;
  author_id: string;
  meeting_id: string;
  document_id: string;
  version: number;
  page: number;
  kind: 'highlight' | 'ink' | 'note';
  /** JSON of the geometry; null for a tombstone. */
  geometry: string | null;
  color: string;
  opacity: number;
  /** The note's text or the comment on a highlight or drawing. */
  body: string;
  quote: string;
  /** Body and quote folded for search (search-fold.ts). */
  folded: string;
  shared: number;
  carried_from: string | null;
  created_at: string;
  updated_at: string;
  rev: number;
  /** This annotation's count of the writes others could see (while shared, and sharing itself): their order of it. */
  edits: number;
  deleted: number;
}

/** The last `rev` given to each author's annotation writes. */
export interface AnnotationHeadsTable {
  user_id: string;
  rev: number;
}
