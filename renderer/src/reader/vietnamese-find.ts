/**
 * pdf.js's find strips combining marks (so "bieu quyet" finds "biểu quyết"), but `đ` and `Đ`
 * are letters of their own, not `d` with a mark: "dai hoi" would not find "Đại hội". Folding
 * them to `d`/`D` on both sides keeps every index where it was (one UTF-16 unit for one),
 * so the matches pdf.js computes on the folded text fall on the right characters.
 */
export function foldD(text: string): string {
  return text.replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

export function foldQuery(query: string | string[]): string | string[] {
  return typeof query === 'string' ? foldD(query) : query.map(foldD);
}
