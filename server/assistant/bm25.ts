/** What BM25 needs of a passage: its index entries, each with where it stands in the passage. */
export interface Bm25Document {
  tokens: ReadonlyArray<{ key: string; start: number; end: number }>;
}

export interface Bm25Options {
  /** How fast a repeated word stops adding: 1.2 as in Lucene and most BM25s. */
  k1?: number;
  /** How much a long passage is discounted against the average: 0.75. */
  b?: number;
}

export interface Bm25Hit<D> {
  document: D;
  score: number;
  /** The query keys the passage holds, best (highest idf) first. */
  matchedKeys: string[];
  /**
   * What to highlight, as offsets into the passage's text: the places of the matched
   * entries, overlaps merged ("hội đồng" and its "hội" are one span), in order.
   */
  spans: Array<{ start: number; end: number }>;
}

interface Posting {
  doc: number;
  tf: number;
}

/**
 * Okapi BM25 over passages held in memory, built once from their token lists. A meeting's
 * papers are a few thousand passages: postings in a Map, scoring one query touches only the
 * passages that hold one of its keys.
 */
export class Bm25Index<D extends Bm25Document> {
  readonly k1: number;
  readonly b: number;
  private readonly docs: readonly D[];
  private readonly lengths: number[];
  private readonly averageLength: number;
  private readonly postings = new Map<string, Posting[]>();

  constructor(documents: readonly D[], options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.docs = documents;
    this.lengths = documents.map((d) => d.tokens.length);
    const total = this.lengths.reduce((sum, n) => sum + n, 0);
    this.averageLength = documents.length > 0 ? total / documents.length : 0;
    documents.forEach((d, doc) => {
      const counts = new Map<string, number>();
      for (const t of d.tokens) counts.set(t.key, (counts.get(t.key) ?? 0) + 1);
      for (const [key, tf] of counts) {
        let list = this.postings.get(key);
        if (!list) this.postings.set(key, (list = []));
        list.push({ doc, tf });
      }
    });
  }

  get size(): number {
    return this.docs.length;
  }

  /** How many passages hold the key. */
  documentFrequency(key: string): number {
    return this.postings.get(key)?.length ?? 0;
  }

  /**
   * Lucene's idf, ln(1 + (N − df + 0.5) / (df + 0.5)): never negative, so a word in most
   * passages still counts a little instead of pushing its passages down.
   */
  idf(key: string): number {
    const df = this.documentFrequency(key);
    return Math.log(1 + (this.docs.length - df + 0.5) / (df + 0.5));
  }

  /** The passages that hold any of the keys, best first, at most `limit` (ties: in order given). */
  search(keys: readonly string[], limit = 10): Array<Bm25Hit<D>> {
    const scores = new Map<number, number>();
    const matched = new Map<number, string[]>();
    const unique = [...new Set(keys)].filter((k) => this.postings.has(k));
    const idfs = new Map(unique.map((k) => [k, this.idf(k)]));
    unique.sort((x, y) => (idfs.get(y) ?? 0) - (idfs.get(x) ?? 0));
    for (const key of unique) {
      const idf = idfs.get(key) ?? 0;
      for (const { doc, tf } of this.postings.get(key) ?? []) {
        const norm = this.averageLength > 0 ? (this.lengths[doc] ?? 0) / this.averageLength : 1;
        const part = (idf * (tf * (this.k1 + 1))) / (tf + this.k1 * (1 - this.b + this.b * norm));
        scores.set(doc, (scores.get(doc) ?? 0) + part);
        let list = matched.get(doc);
        if (!list) matched.set(doc, (list = []));
        list.push(key);
      }
    }
    return [...scores]
      .sort(([docA, a], [docB, z]) => z - a || docA - docB)
      .slice(0, Math.max(0, limit))
      .map(([doc, score]) => {
        const document = this.docs[doc] as D;
        const matchedKeys = matched.get(doc) ?? [];
        return { document, score, matchedKeys, spans: spansOf(document, new Set(matchedKeys)) };
      });
  }
}

/** The places of the matched keys, overlapping or touching ones merged. */
function spansOf(document: Bm25Document, keys: ReadonlySet<string>): Array<{ start: number; end: number }> {
  const places = document.tokens
    .filter((t) => keys.has(t.key))
    .map((t) => ({ start: t.start, end: t.end }))
    .sort((x, y) => x.start - y.start || y.end - x.end);
  const merged: Array<{ start: number; end: number }> = [];
  for (const p of places) {
    const last = merged[merged.length - 1];
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else merged.push({ ...p });
  }
  return merged;
}
