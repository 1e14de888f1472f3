/**
 * Search without diacritics, for Vietnamese: "bieu quyet" finds "biểu quyết", and "dai hoi"
 * finds "Đại hội". Stripping combining marks is not enough: `đ`/`Đ` is a letter of its own
 * (not `d` with a mark), which SQLite's `remove_diacritics` and pdf.js's find leave alone.
 * The same folding runs on the indexed text and on the query, on both database engines.
 */
const MARKS = /\p{M}/gu;

function foldChar(c: string): string {
  if (c === 'đ' || c === 'Đ') return 'd';
  return c.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** Lower case, no marks, `đ` as `d`. */
export function foldForSearch(text: string): string {
  return text.normalize('NFC').replace(/[đĐ]/g, 'd').normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** The words of a query as the index holds them: letters and digits, folded. */
export function searchTerms(query: string): string[] {
  return foldForSearch(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 16);
}

/**
 * Some words of a page around the first place where every term of the query starts, with its
 * diacritics as typed in the document (the folded copy only finds the place).
 */
export function snippetAround(pageText: string, terms: readonly string[], radius = 80): string {
  const chars = [...pageText.normalize('NFC').replace(/\s+/g, ' ').trim()];
  // One folded string and, for each of its characters, the index of the original one.
  let folded = '';
  const origin: number[] = [];
  chars.forEach((c, i) => {
    for (const f of foldChar(c)) {
      folded += f;
      origin.push(i);
    }
  });
  const first = terms
    .map((t) => folded.indexOf(t))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b)[0];
  const at = first === undefined ? 0 : (origin[first] ?? 0);
  let start = Math.max(0, at - radius);
  let end = Math.min(chars.length, at + radius);
  // Whole words at both ends.
  while (start > 0 && chars[start - 1] !== ' ') start--;
  while (end < chars.length && chars[end] !== ' ') end++;
  return `${start > 0 ? '… ' : ''}${chars.slice(start, end).join('').trim()}${end < chars.length ? ' …' : ''}`;
}
