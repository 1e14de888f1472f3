import { segmentWords, type SegmentedWord, type Span } from './segmenter.js';
import { englishQuery, type EnglishQuery } from './english-terms.js';
import { splitSentences } from './sentences.js';
import { exactKey, fold, hasDiacritics, normalizeText } from './vietnamese-fold.js';

export { canonicalToneMarks, exactKey, fold, hasDiacritics, normalizeText } from './vietnamese-fold.js';
export { segmentWords, segmenterModelPath, type SegmentedWord, type Span } from './segmenter.js';
export { splitSentences, MAX_SENTENCE_CHARS } from './sentences.js';

/**
 * One entry of a passage in the index, with where it stands in the passage's text. Keys are
 * `e:` + the exact form (marks kept, lower case: "e:bàn", "e:hội_đồng") or `f:` + the folded
 * form ("f:ban", "f:hoi_dong"): a query with marks looks only among the first, one without
 * any among the second, so "bàn", "bán" and "bạn" stay apart unless the asker typed "ban".
 */
export interface IndexToken extends Span {
  key: string;
}

export type QueryMode = 'exact' | 'folded';

/**
 * Words that carry no question's meaning, in the exact form. Only lone syllables are
 * dropped: a word of several ("cho phép", "thông qua") keeps its joined key.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    // Vietnamese
    ...'và của các những là được cho với trong này đó thì mà có không đã sẽ đang để theo tại về từ như nhưng hoặc hay khi nếu vì do bởi một cũng rằng nào gì ai đâu sao bao nhiêu thế ra vào lên ở bị vẫn còn rồi nữa chỉ rất đến trên dưới sau trước nhau mỗi mọi ạ à ơi nhé hả'.split(
      ' ',
    ),
    // English
    ...'a an the of and or to in on for is are was were be been by with at from as that this these those it its what which who when where how do does did not no'.split(
      ' ',
    ),
  ].map(exactKey),
);

/** A token that is a word or a number (vntk also hands out punctuation). */
const CONTENT = /[\p{L}\p{N}]/u;

/** The exact and folded keys of a key made of syllables. */
function keysOf(syllables: readonly string[]): { exact: string; folded: string } {
  const exact = syllables.map(exactKey).join('_');
  return { exact: `e:${exact}`, folded: `f:${fold(exact)}` };
}

/**
 * The index entries of an NFC text (a passage): each content syllable that is not a stop
 * word, in both forms, and each word of several syllables joined ("hội_đồng"), in both forms,
 * spanning the whole word. The syllables let "đồng" find "hội đồng"; the joined word ranks a
 * passage with "hội đồng" above one where "hội" and "đồng" merely both occur.
 */
export function indexTokens(text: string): IndexToken[] {
  return tokensOfWords(segmentWords(text));
}

function tokensOfWords(words: readonly SegmentedWord[]): IndexToken[] {
  const tokens: IndexToken[] = [];
  for (const word of words) {
    const content = word.syllables.filter((s) => CONTENT.test(s.text));
    for (const s of content) {
      if (STOP_WORDS.has(exactKey(s.text))) continue;
      const { exact, folded } = keysOf([s.text]);
      tokens.push({ key: exact, start: s.start, end: s.end }, { key: folded, start: s.start, end: s.end });
    }
    if (content.length > 1) {
      const { exact, folded } = keysOf(content.map((s) => s.text));
      tokens.push({ key: exact, start: word.start, end: word.end }, { key: folded, start: word.start, end: word.end });
    }
  }
  return tokens;
}

/** The longest run of syllables a query joins into a candidate word. */
export const MAX_QUERY_NGRAM = 4;

/**
 * What a question looks for: with any mark or `đ` in it, the exact forms; with none, the
 * folded forms. Its content syllables (less stop words), and every run of 2–4 adjacent
 * syllables joined, so that "hoi dong" meets the index's "hoi_dong" even though vntk cannot
 * segment unmarked text; runs that are no word of any passage simply match nothing.
 */
export function queryTerms(query: string): { mode: QueryMode; keys: string[] } {
  const text = normalizeText(query);
  const english = englishQuery(text);
  if (english) return englishTerms(text, english);
  const mode: QueryMode = hasDiacritics(text) ? 'exact' : 'folded';
  const syllables = segmentWords(text)
    .flatMap((w) => w.syllables)
    .map((s) => s.text)
    .filter((s) => CONTENT.test(s));
  const keys = new Set<string>();
  const add = (run: readonly string[]) => {
    const { exact, folded } = keysOf(run);
    keys.add(mode === 'exact' ? exact : folded);
  };
  for (const s of syllables) if (!STOP_WORDS.has(exactKey(s))) add([s]);
  for (let n = 2; n <= MAX_QUERY_NGRAM; n++)
    for (let i = 0; i + n <= syllables.length; i++) add(syllables.slice(i, i + n));
  return { mode, keys: [...keys] };
}

/**
 * An English question looks for the Vietnamese its glossary gives (each phrase's words and
 * their runs, exact), its numbers ("2027", "31/12/2026" as the index cut them) and the words
 * the glossary does not know, folded (a name or an acronym the papers may print as is).
 */
function englishTerms(text: string, english: EnglishQuery): { mode: QueryMode; keys: string[] } {
  const keys = new Set<string>();
  for (const phrase of english.vietnamese) for (const key of queryTerms(phrase).keys) keys.add(key);
  const syllables = segmentWords(text).flatMap((w) => w.syllables.map((s) => s.text));
  for (const s of syllables) if (/\p{N}/u.test(s)) keys.add(keysOf([s]).folded);
  for (const word of english.unknown) keys.add(keysOf([word]).folded);
  return { mode: 'exact', keys: [...keys] };
}

/** A sentence or short paragraph of a paper's page: what the assistant ranks and quotes. */
export interface Passage {
  documentId: string;
  page: number;
  /** Where the passage stands in the page's NFC text. */
  start: number;
  end: number;
  /** The passage as written (NFC): what the reader shows; token offsets are into it. */
  text: string;
  tokens: IndexToken[];
}

/**
 * The passages of one page: its text in NFC (the page as shown, so offsets highlight the
 * right letters), cut into sentences, each segmented and indexed.
 */
export function passagesOfPage(documentId: string, page: number, pageText: string): Passage[] {
  const text = normalizeText(pageText);
  return splitSentences(text).map(({ start, end }) => {
    const sentence = text.slice(start, end);
    return { documentId, page, start, end, text: sentence, tokens: indexTokens(sentence) };
  });
}
