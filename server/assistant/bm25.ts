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

/**
 * A part of a collection whose postings are counted once and kept: one document version's
 * passages, or one note's. A collection is any set of parts, put together per question, so
 * that each asker's statistics are those of exactly what they may see without indexing the
 * whole of it again for every different set.
 */
export class Bm25Part<D extends Bm25Document> {
  readonly documents: readonly D[];
  readonly lengths: readonly number[];
  readonly totalLength: number;
  readonly postings = new Map<string, Posting[]>();

  constructor(documents: readonly D[]) {
    this.documents = documents;
    this.lengths = documents.map((d) => d.tokens.length);
    this.totalLength = this.lengths.reduce((sum, n) => sum + n, 0);
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
}

/**
 * BM25 over the union of the parts, in their order: the same scores, order and spans as a
 * `Bm25Index` built over all their passages one after another, at the cost of the query's
 * postings only (N, the average length and each key's document frequency are summed over
 * the parts given, and only those).
 */
export function searchParts<D extends Bm25Document>(
  parts: ReadonlyArray<Bm25Part<D>>,
  keys: readonly string[],
  limit = 10,
  options: Bm25Options = {},
): Array<Bm25Hit<D>> {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const count = parts.reduce((n, p) => n + p.documents.length, 0);
  const total = parts.reduce((n, p) => n + p.totalLength, 0);
  const averageLength = count > 0 ? total / count : 0;
  const unique = [...new Set(keys)];
  const idfs = new Map<string, number>();
  for (const key of unique) {
    const df = parts.reduce((n, p) => n + (p.postings.get(key)?.length ?? 0), 0);
    if (df > 0) idfs.set(key, Math.log(1 + (count - df + 0.5) / (df + 0.5)));
  }
  const present = unique.filter((k) => idfs.has(k));
  present.sort((x, y) => (idfs.get(y) ?? 0) - (idfs.get(x) ?? 0));
  // A passage is its place in the union: the part's offset plus its index in the part.
  const offsets: number[] = [];
  parts.reduce((at, p) => (offsets.push(at), at + p.documents.length), 0);
  const scores = new Map<number, { part: number; doc: number; score: number; matched: string[] }>();
  for (const key of present) {
    const idf = idfs.get(key) ?? 0;
    parts.forEach((part, pi) => {
      for (const { doc, tf } of part.postings.get(key) ?? []) {
        const norm = averageLength > 0 ? (part.lengths[doc] ?? 0) / averageLength : 1;
        const score = (idf * (tf * (k1 + 1))) / (tf + k1 * (1 - b + b * norm));
        const at = (offsets[pi] ?? 0) + doc;
        const entry = scores.get(at);
        if (entry) {
          entry.score += score;
          entry.matched.push(key);
        } else scores.set(at, { part: pi, doc, score, matched: [key] });
      }
    });
  }
  return [...scores]
    .sort(([atA, a], [atB, z]) => z.score - a.score || atA - atB)
    .slice(0, Math.max(0, limit))
    .map(([, { part, doc, score, matched }]) => {
      const document = parts[part]?.documents[doc] as D;
      return { document, score, matchedKeys: matched, spans: spansOf(document, new Set(matched)) };
    });
}
