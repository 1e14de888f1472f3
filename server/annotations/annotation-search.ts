import { sql } from 'kysely';
import { searchTerms, snippetAround } from '../../shared/domain/index.js';
import type { SearchHit } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import { selectAnnotations } from './annotation-rows.js';

/** At most this many annotations answer one search, after the papers' own hits. */
export const MAX_ANNOTATION_HITS = 50;

/** `%` and `_` in a term are letters to find, not patterns. */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The asker's own annotations and those others shared, on these documents (the caller passes
 * only those the asker may see), that hold every word of the query. One person's notes on
 * one meeting are few: a folded LIKE per word needs no index of its own, and reads the same
 * on both engines.
 */
export async function searchAnnotations(
  db: Db,
  askerId: string,
  meetingId: string,
  documents: ReadonlyArray<{ id: string; title: string }>,
  query: string,
): Promise<SearchHit[]> {
  const terms = searchTerms(query);
  if (terms.length === 0 || documents.length === 0) return [];
  const titles = new Map(documents.map((d) => [d.id, d.title]));
  let q = selectAnnotations(db)
    .where('a.meeting_id', '=', meetingId)
    .where('a.deleted', '=', 0)
    .where((eb) => eb.or([eb('a.author_id', '=', askerId), eb('a.shared', '=', 1)]))
    .where('a.document_id', 'in', [...titles.keys()]);
  // SQLite's LIKE takes no escape character unless told; PostgreSQL's default one is `\`.
  for (const term of terms) q = q.where(sql<boolean>`a.folded LIKE ${likePattern(term)} ESCAPE '\\'`);
  const rows = await q.orderBy('a.rev', 'desc').limit(MAX_ANNOTATION_HITS).execute();
  return rows.map((row) => ({
    documentId: row.document_id,
    title: titles.get(row.document_id) ?? '',
    page: row.page,
    snippet: snippetAround(row.body || row.quote, terms),
    annotation: { id: row.id, version: row.version, author: { id: row.author_id, displayName: row.author_name } },
  }));
}
