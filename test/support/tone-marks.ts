/**
 * Vietnamese tone marks in the modern style of government documents: in an open syllable
 * ending in oa, oe or uy the mark sits on the main vowel (hòa, khỏe, thủy), not on the last
 * letter (hoà, khoẻ, thuỷ). A closed syllable keeps its mark where both styles put it
 * (hoàn, toàn, khuyên), and in qu- the u is part of the consonant (quý is right in both).
 */
const OLD_STYLE = /(?<![qQ])([oO][aAeE]|[uU][yY])(?![\p{L}\p{M}])/gu;

function markOf(c: string): string {
  return c.normalize('NFD').slice(1);
}

function baseOf(c: string): string {
  return c.normalize('NFD')[0] ?? c;
}

/** The old-style syllable endings in `text` (each as written, NFC). */
export function oldStyleToneMarks(text: string): string[] {
  return [...convertible(text)].map(([found]) => found);
}

function* convertible(text: string): Generator<[string, number]> {
  const nfc = text.normalize('NFC');
  // The pattern runs on the letters without their marks, then each hit is checked for a
  // tone mark on its second letter and none on its first.
  const bare = [...nfc].map((c) => baseOf(c)).join('');
  const chars = [...nfc];
  for (const match of bare.matchAll(OLD_STYLE)) {
    const at = [...bare.slice(0, match.index)].length;
    const first = chars[at] ?? '';
    const second = chars[at + 1] ?? '';
    if (markOf(first) === '' && markOf(second) !== '') yield [first + second, at];
  }
}

/** `text` with every old-style ending written in the modern style. */
export function toModernToneMarks(text: string): string {
  const chars = [...text.normalize('NFC')];
  for (const [, at] of convertible(text)) {
    const first = chars[at] ?? '';
    const second = chars[at + 1] ?? '';
    chars[at] = (first + markOf(second)).normalize('NFC');
    chars[at + 1] = baseOf(second);
  }
  return chars.join('');
}
