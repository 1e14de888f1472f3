import { createRequire } from 'node:module';
import { canonicalToneMarks } from './vietnamese-fold.js';

/** A piece of the text with its place in it: `text.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

/** One word as the segmenter found it: "Hội đồng" is one word of two syllables. */
export interface SegmentedWord extends Span {
  /** The word as written in the text (for "Hội đồng" with a line break inside: as written). */
  text: string;
  /** Its syllables (and numbers, punctuation: each a token of vntk's tokenizer), in order. */
  syllables: ReadonlyArray<Span & { text: string }>;
}

/** The part of vntk 1.4 that we use (its own typings do not load under NodeNext). */
interface VntkWordTokenizer {
  /** Words of the text, the syllables of one word joined by a space. */
  tag(text: string): string[];
  model_filename: string;
}
interface VntkDictionary {
  has(word: string): boolean;
  lower_words?: unknown;
}
interface Vntk {
  wordTokenizer(): VntkWordTokenizer;
  dictionary(): VntkDictionary;
}

let loaded: VntkWordTokenizer | undefined;

/**
 * vntk's word tokenizer, loaded at the first use: its CRF model (model.bin) and the Viet74K
 * dictionary come from inside the package, about 0.2 s and a few MB, and nothing is fetched.
 * Only the server loads it; a test or a server that never asks the assistant pays nothing.
 */
function wordTokenizer(): VntkWordTokenizer {
  if (loaded) return loaded;
  const vntk = createRequire(import.meta.url)('vntk') as Vntk;
  speedUpDictionary(vntk.dictionary());
  loaded = vntk.wordTokenizer();
  return loaded;
}

/**
 * vntk's features ask its dictionary about every token two dozen times, and `has` scans the
 * 74,000 words as an array (`indexOf`): 40 ms a sentence, nearly all of it there. A Set of
 * the same lower-cased lines answers the same (exactly `indexOf(...) > -1` over that array)
 * in constant time. The singleton is the one `vntk.dictionary()` returns, which its feature
 * extractor shares; if a later vntk changes its shape, the slow original stays.
 */
function speedUpDictionary(dictionary: VntkDictionary): void {
  const words = dictionary.lower_words;
  if (!Array.isArray(words)) return;
  const set = new Set(words as string[]);
  dictionary.has = (word: string) => Boolean(word) && set.has(word.toLowerCase());
}

/** Where vntk's word model is read from (the tests check it lies inside the package). */
export function segmenterModelPath(): string {
  return wordTokenizer().model_filename;
}

/**
 * The words of an NFC text, with offsets into it. Give it a sentence at a time: vntk's
 * feature extraction takes time quadratic in the tokens of one call. Whitespace and
 * anything vntk's tokenizer skips lie between words.
 */
export function segmentWords(text: string): SegmentedWord[] {
  if (text.trim() === '') return [];
  // The tone style vntk was trained on; letter for letter, so offsets stay those of `text`.
  const seen = canonicalToneMarks(text);
  const words: SegmentedWord[] = [];
  let cursor = 0;
  for (const word of wordTokenizer().tag(seen)) {
    const syllables: Array<Span & { text: string }> = [];
    for (const token of word.split(' ')) {
      if (token === '') continue;
      // vntk's tokens are pieces of its input (regex matches, none spans whitespace).
      const at = seen.indexOf(token, cursor);
      if (at < 0) continue;
      cursor = at + token.length;
      syllables.push({ start: at, end: cursor, text: text.slice(at, cursor) });
    }
    const first = syllables[0];
    const last = syllables[syllables.length - 1];
    if (!first || !last) continue;
    words.push({ start: first.start, end: last.end, text: text.slice(first.start, last.end), syllables });
  }
  return words;
}
