import { sql } from 'kysely';
import { searchTerms, snippetAround } from '../../shared/domain/index.js';
import type { SearchHit } from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';

/** At most this many pages answer one search. */
export const MAX_SEARCH_HITS = 50;

interface PageMatch {
  document_id: string;
  page: number;
}

/**
 * The pages of these documents' current versions that hold every word of the query, best
 * first. The caller passes only documents the asker may see: a restricted document is never
 * searched for anyone else. Both engines match the folded words (no marks, `đ` as `d`).
 */
export async function searchDocuments(
  store: Store,
  documents: ReadonlyArray<{ id: string; version: number; title: string }>,
  query: string,
): Promise<SearchHit[]> {
  const terms = searchTerms(query);
  if (terms.length === 0 || documents.length === 0) return [];
  const current = new Map(documents.map((d) => [d.id, d]));
  const ids = [...current.keys()];
  let matches: PageMatch[];
  if (store.dialect === 'postgres') {
    // Each term as a prefix of a word, all of them on the page ('simple': no stemming, no stop words).
    const tsquery = terms.map((t) => `${t.replace(/[^\p{L}\p{N}]/gu, '')}:*`).join(' & ');
    const { rows } = await sql<PageMatch>`
      SELECT p.document_id, p.page
      FROM document_pages p JOIN documents d ON d.id = p.document_id AND d.current_version = p.version
      WHERE p.document_id IN (${sql.join(ids)}) AND p.folded @@ to_tsquery('simple', ${tsquery})
      ORDER BY ts_rank(p.folded, to_tsquery('simple', ${tsquery})) DESC, p.document_id, p.page
      LIMIT ${MAX_SEARCH_HITS}`.execute(store.db);
    matches = rows;
  } else {
    // Quoted, so that nothing in the query is FTS5 syntax; `*` makes each a prefix.
    const match = terms.map((t) => `"${t.replace(/"/g, '')}"*`).join(' ');
    const { rows } = await sql<PageMatch>`
      SELECT s.document_id, s.page
      FROM document_search s JOIN documents d ON d.id = s.document_id AND d.current_version = s.version
      WHERE document_search MATCH ${match} AND s.document_id IN (${sql.join(ids)})
      ORDER BY rank, s.document_id, s.page
      LIMIT ${MAX_SEARCH_HITS}`.execute(store.db);
    matches = rows.map((r) => ({ document_id: r.document_id, page: Number(r.page) }));
  }
  const hits: SearchHit[] = [];
  for (const m of matches) {
    const doc = current.get(m.document_id);
    if (!doc) continue;
    const row = await store.db
      .selectFrom('document_pages')
      .select('text')
      .where('document_id', '=', m.document_id)
      .where('version', '=', doc.version)
      .where('page', '=', m.page)
      .executeTakeFirst();
    hits.push({ documentId: doc.id, title: doc.title, page: m.page, snippet: snippetAround(row?.text ?? '', terms) });
  }
  return hits;
}
