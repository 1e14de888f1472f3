/**
 * What changed between two versions of a paper, sentence by sentence: the longest common
 * subsequence of the two sentence lists (compared with whitespace collapsed, so a line
 * wrapped differently is the same sentence), what is left of the old one removed, what is
 * left of the new one added. Papers are a few hundred sentences: the quadratic table is a
 * few hundred thousand cells at most; past MAX_DIFF_CELLS it falls back to set difference.
 */

export interface DiffSentence {
  page: number;
  text: string;
}

const MAX_DIFF_CELLS = 4_000_000;

export function sameSentenceKey(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

export function diffSentences(
  before: readonly DiffSentence[],
  after: readonly DiffSentence[],
): { added: DiffSentence[]; removed: DiffSentence[] } {
  const a = before.map((s) => sameSentenceKey(s.text));
  const b = after.map((s) => sameSentenceKey(s.text));
  // The common start and end cost nothing to match; only the middle needs the table.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const keptA = new Array<boolean>(am.length).fill(false);
  const keptB = new Array<boolean>(bm.length).fill(false);
  if (am.length * bm.length <= MAX_DIFF_CELLS) {
    const n = am.length;
    const m = bm.length;
    // lcs[i][j]: the LCS length of am[i..] and bm[j..], one flat array.
    const lcs = new Uint32Array((n + 1) * (m + 1));
    const at = (i: number, j: number) => i * (m + 1) + j;
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[at(i, j)] = am[i] === bm[j] ? lcs[at(i + 1, j + 1)]! + 1 : Math.max(lcs[at(i + 1, j)]!, lcs[at(i, j + 1)]!);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (am[i] === bm[j]) {
        keptA[i++] = true;
        keptB[j++] = true;
      } else if (lcs[at(i + 1, j)]! >= lcs[at(i, j + 1)]!) i++;
      else j++;
    }
  } else {
    const inA = new Set(am);
    const inB = new Set(bm);
    am.forEach((s, i) => (keptA[i] = inB.has(s)));
    bm.forEach((s, j) => (keptB[j] = inA.has(s)));
  }
  return {
    removed: before.slice(head, before.length - tail).filter((_, i) => !keptA[i]),
    added: after.slice(head, after.length - tail).filter((_, j) => !keptB[j]),
  };
}
