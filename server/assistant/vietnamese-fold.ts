import { foldForSearch } from '../../shared/domain/index.js';

/**
 * The spellings of one Vietnamese word that must meet in the assistant's index.
 *
 * Text arrives precomposed (NFC) or decomposed (NFD, from some PDFs and macOS); vntk's
 * tokenizer knows only precomposed letters and cuts an NFD word into its marks ("Ho", "̣",
 * "̂", "i"), so everything is NFC first. NFC keeps the string's look, so offsets into the NFC
 * text are what the reader highlights.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFC');
}

/**
 * Lower case, no marks, `đ` as `d`: "Đại hội" → "dai hoi". The same folding as the papers'
 * search (shared/domain/search-fold.ts), so both find the same words.
 */
export function fold(text: string): string {
  return foldForSearch(text);
}

/** Whether the text carries any Vietnamese mark or `đ` (then a query means its exact words). */
export function hasDiacritics(text: string): boolean {
  const nfc = normalizeText(text);
  return fold(nfc) !== nfc.toLowerCase();
}

/** A tone mark of a precomposed vowel, and the vowel without it (NFD splits them). */
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/u;

function moveTone(from: string, to: string): [string, string] {
  const parts = from.normalize('NFD');
  const tone = TONES.exec(parts)?.[0];
  if (!tone) return [from, to];
  return [parts.replace(tone, '').normalize('NFC'), (to + tone).normalize('NFC')];
}

/** "ọa", "òe" at a syllable's end (the modern style), and "ủy" but not "qu" + y. */
const MODERN_OA_OE = /([òóỏõọÒÓỎÕỌ])([aeAE])(?![\p{L}\p{M}])/gu;
const MODERN_UY = /(?<![qQ])([ùúủũụÙÚỦŨỤ])([yY])(?![\p{L}\p{M}])/gu;

/**
 * One place for the tone mark in the open syllables where Vietnamese has two styles: the
 * modern one on the main vowel ("hòa, tọa, khỏe, thủy, ủy", what our UI writes) and the older
 * one on the last letter ("ho\u00E0, to\u1EA1, kho\u1EBB, thu\u1EF7", written here with
 * escapes for the tone-mark lint), which vntk's model and dictionary were trained on: "Ủy
 * ban" stays two words there while "U\u1EF7 ban" is one. Both become the older style, letter
 * for letter, so offsets do not move: the segmenter sees the spelling it knows, and "chủ
 * tọa" finds "chủ to\u1EA1". Keys only: what the reader sees is the text as written.
 */
export function canonicalToneMarks(text: string): string {
  return text
    .replace(MODERN_OA_OE, (_m, o: string, a: string) => moveTone(o, a).join(''))
    .replace(MODERN_UY, (_m, u: string, y: string) => moveTone(u, y).join(''));
}

/** The exact key of a word: NFC, lower case, one tone style; marks kept ("bàn" ≠ "bán"). */
export function exactKey(word: string): string {
  return canonicalToneMarks(normalizeText(word).toLowerCase());
}
