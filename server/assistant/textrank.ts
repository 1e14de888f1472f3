/**
 * TextRank over sentences (Mihalcea & Tarau, 2004, §4): a sentence is a node, two sentences
 * are joined by an edge weighted by how many words they share, normalised by the logs of
 * their lengths, and a sentence is central when central sentences resemble it. The words
 * are the segmenter's (marks kept: "bàn" and "bán" are different words), handed in by the
 * caller; nothing here folds or strips anything.
 */

/** The damping factor of PageRank and TextRank: the chance a walk follows an edge. */
export const DAMPING = 0.85;
const MAX_ITERATIONS = 100;
const CONVERGED = 1e-6;

/** Mihalcea & Tarau's similarity: |shared words| / (log |a| + log |b|); 0 for a one-word pair. */
export function sentenceSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const norm = Math.log(a.size) + Math.log(b.size);
  if (norm <= 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / norm;
}

/**
 * The TextRank score of each sentence (its words as a set), in the sentences' order. The
 * same input always gives the same scores: a fixed start, a fixed number of steps at most,
 * no randomness, and ties left to the caller.
 */
export function textRank(sentences: ReadonlyArray<ReadonlySet<string>>): number[] {
  const n = sentences.length;
  if (n === 0) return [];
  const weights: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const w = sentenceSimilarity(sentences[i]!, sentences[j]!);
      weights[i]![j] = w;
      weights[j]![i] = w;
    }
  const outSum = weights.map((row) => row.reduce((s, w) => s + w, 0));
  let scores = new Array<number>(n).fill(1);
  for (let step = 0; step < MAX_ITERATIONS; step++) {
    const next = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const w = weights[j]![i]!;
        if (w > 0) sum += (w / outSum[j]!) * scores[j]!;
      }
      next[i] = 1 - DAMPING + DAMPING * sum;
    }
    const change = next.reduce((m, s, i) => Math.max(m, Math.abs(s - scores[i]!)), 0);
    scores = next;
    if (change < CONVERGED) break;
  }
  return scores;
}

/**
 * The indices of the `count` most central sentences, in the text's order (ties: the earlier
 * sentence first).
 */
export function topSentences(sentences: ReadonlyArray<ReadonlySet<string>>, count: number): number[] {
  const scores = textRank(sentences);
  return scores
    .map((score, i) => ({ score, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, count)
    .map((x) => x.i)
    .sort((a, b) => a - b);
}
