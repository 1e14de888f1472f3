import type { PDFFont } from '@cantoo/pdf-lib';

const sets = new WeakMap<PDFFont, Set<number>>();

/** Whether the embedded font draws a code point (its character set read once per font). */
export function glyphTest(font: PDFFont): (codePoint: number) => boolean {
  let set = sets.get(font);
  if (!set) sets.set(font, (set = new Set(font.getCharacterSet())));
  const known = set;
  return (codePoint) => known.has(codePoint);
}
