import { sql } from 'kysely';
import { foldForSearch } from '../../shared/domain/index.js';
import {
  VisibleToSchema,
  type DocumentInfo,
  type DocumentVersion,
  type VisibleTo,
} from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import type { Store } from '../db/store.js';

/** A document with its current version, as stored. */
export interface DocumentRecord extends DocumentInfo {
  createdBy: string;
}

function parseVisibleTo(text: string | null): VisibleTo | null {
  return text === null ? null : VisibleToSchema.parse(JSON.parse(text));
}

function selectDocuments(db: Db) {
  return db
    .selectFrom('documents as d')
    .innerJoin('document_versions as v', (join) =>
      join.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'd.current_version'),
    )
    .innerJoin('users as u', 'u.id', 'v.uploaded_by')
    .select([
      'd.id',
      'd.meeting_id',
      'd.agenda_item_id',
      'd.title',
      'd.visible_to',
      'd.revision',
      'd.created_at',
      'd.created_by',
      'v.version',
      'v.sha256',
      'v.size',
      'v.pages',
      'v.textless_pages',
      'v.uploaded_at',
      'v.uploaded_by',
      'u.display_name',
    ]);
}

type DocumentRow = Awaited<ReturnType<ReturnType<typeof selectDocuments>['executeTakeFirstOrThrow']>>;

function toDocument(r: DocumentRow): DocumentRecord {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    agendaItemId: r.agenda_item_id,
    title: r.title,
    version: r.version,
    sha256: r.sha256,
    size: Number(r.size),
    pages: r.pages,
    textlessPages: JSON.parse(r.textless_pages) as number[],
    visibleTo: parseVisibleTo(r.visible_to),
    createdAt: r.created_at,
    versionAt: r.uploaded_at,
    versionBy: { id: r.uploaded_by, displayName: r.display_name },
    revision: r.revision,
    createdBy: r.created_by,
  };
}

export function publicDocument(d: DocumentRecord): DocumentInfo {
  const { createdBy: _createdBy, ...info } = d;
  return info;
}

export async function findDocument(db: Db, id: string): Promise<DocumentRecord | null> {
  const row = await selectDocuments(db).where('d.id', '=', id).executeTakeFirst();
  return row ? toDocument(row) : null;
}

export async function listMeetingDocuments(db: Db, meetingId: string): Promise<DocumentRecord[]> {
  const rows = await selectDocuments(db)
    .where('d.meeting_id', '=', meetingId)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
  return rows.map(toDocument);
}

export async function listVersions(db: Db, documentId: string): Promise<DocumentVersion[]> {
  const rows = await db
    .selectFrom('document_versions as v')
    .innerJoin('users as u', 'u.id', 'v.uploaded_by')
    .select(['v.version', 'v.sha256', 'v.size', 'v.pages', 'v.uploaded_at', 'v.uploaded_by', 'u.display_name'])
    .where('v.document_id', '=', documentId)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    sha256: r.sha256,
    size: Number(r.size),
    pages: r.pages,
    uploadedAt: r.uploaded_at,
    uploadedBy: { id: r.uploaded_by, displayName: r.display_name },
  }));
}

export async function findVersion(
  db: Db,
  documentId: string,
  version: number,
): Promise<{ sha256: string; size: number } | null> {
  const row = await db
    .selectFrom('document_versions')
    .select(['sha256', 'size'])
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? { sha256: row.sha256, size: Number(row.size) } : null;
}

/**
 * What of a page is indexed: its folded text, up to this many characters (a page of tables
 * can hold more distinct words than PostgreSQL's 1 MB tsvector allows). The page's whole text
 * is kept for snippets; only words past the cap are not found.
 */
export const MAX_INDEXED_CHARS_PER_PAGE = 100_000;

function indexedText(text: string): string {
  const folded = foldForSearch(text);
  if (folded.length <= MAX_INDEXED_CHARS_PER_PAGE) return folded;
  const cut = folded.slice(0, MAX_INDEXED_CHARS_PER_PAGE);
  // At a word's end, so that no half word is indexed.
  return cut.slice(0, Math.max(0, cut.search(/\s\S*$/)));
}

export interface NewVersion {
  documentId: string;
  version: number;
  sha256: string;
  size: number;
  texts: readonly string[];
  textlessPages: readonly number[];
  at: string;
  by: string;
}

/** The version's row, its pages' text and their search index, in the caller's transaction. */
export async function insertVersion(dialect: Store['dialect'], tx: Db, v: NewVersion): Promise<void> {
  await tx
    .insertInto('document_versions')
    .values({
      document_id: v.documentId,
      version: v.version,
      sha256: v.sha256,
      size: v.size,
      pages: v.texts.length,
      textless_pages: JSON.stringify(v.textlessPages),
      uploaded_at: v.at,
      uploaded_by: v.by,
    })
    .execute();
  for (const [i, text] of v.texts.entries()) {
    const page = i + 1;
    const folded = indexedText(text);
    if (dialect === 'postgres') {
      await sql`INSERT INTO document_pages (document_id, version, page, text, folded)
        VALUES (${v.documentId}, ${v.version}, ${page}, ${text}, to_tsvector('simple', ${folded}))`.execute(tx);
    } else {
      await tx
        .insertInto('document_pages')
        .values({ document_id: v.documentId, version: v.version, page, text })
        .execute();
      if (folded.trim() !== '')
        await sql`INSERT INTO document_search (folded, document_id, version, page)
          VALUES (${folded}, ${v.documentId}, ${v.version}, ${page})`.execute(tx);
    }
  }
}

/** Every row of a document (versions, pages, index); its blobs are left to `dropUnreferenced`. */
export async function deleteDocument(dialect: Store['dialect'], tx: Db, documentId: string): Promise<void> {
  if (dialect === 'sqlite') await sql`DELETE FROM document_search WHERE document_id = ${documentId}`.execute(tx);
  await tx.deleteFrom('document_pages').where('document_id', '=', documentId).execute();
  await tx.deleteFrom('document_opens').where('document_id', '=', documentId).execute();
  await tx.deleteFrom('action_item_decisions').where('document_id', '=', documentId).execute();
  await tx.deleteFrom('document_versions').where('document_id', '=', documentId).execute();
  await tx.deleteFrom('documents').where('id', '=', documentId).execute();
}

/** Documents on an agenda item that is removed stay in the meeting, on no item. */
export async function detachFromItems(tx: Db, meetingId: string, itemIds: readonly string[]): Promise<string[]> {
  if (itemIds.length === 0) return [];
  const rows = await tx
    .updateTable('documents')
    .set((eb) => ({ agenda_item_id: null, revision: eb('revision', '+', 1) }))
    .where('meeting_id', '=', meetingId)
    .where('agenda_item_id', 'in', itemIds)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
