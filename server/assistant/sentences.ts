import type { Span } from './segmenter.js';

/** A passage longer than this is cut at a space: a page of table cells has no full stop. */
export const MAX_SENTENCE_CHARS = 600;

/**
 * Words that end in a full stop without ending the sentence ("TP. Hồ Chí Minh", "ThS. Lê"),
 * lower-cased. Upper-case words are not here: "… của UBND. Các đại biểu" ends a sentence.
 */
const ABBREVIATIONS = new Set([
  'tp',
  'tx',
  'tt',
  'ths',
  'ts',
  'pgs',
  'gs',
  'bs',
  'ks',
  'cn',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'no',
  'vs',
  'etc',
]);

/** Headings of legal text whose number ends in a full stop: "Điều 1. Thông qua …" is one passage. */
const NUMBERED = new Set(['điều', 'khoản', 'chương', 'mục', 'phần', 'điểm', 'phụ lục', 'bước', 'article', 'section']);

const ROMAN_OR_NUMBER = /^(?:\d{1,3}|[IVXLC]{1,6}|[a-zđ])$/iu;

/** A line that starts a list item: "- ", "• ", "+ ", "1. ", "1) ", "a) ". */
const LIST_ITEM = /^[ \t]*(?:[-–•+*]|\d{1,3}[.)]|[a-zđ]\))[ \t]/u;

/**
 * A line that is a heading ("II. NHIỆM VỤ NĂM 2027", "BÁO CÁO THẨM TRA"): two words or more,
 * mostly capitals. It ends its passage at its line's end, or it would open the next sentence.
 */
function isHeadingLine(line: string): boolean {
  const letters = line.match(/\p{L}/gu) ?? [];
  const upper = line.match(/\p{Lu}/gu) ?? [];
  const words = line
    .trim()
    .split(/\s+/u)
    .filter((w) => /\p{L}/u.test(w));
  return words.length >= 2 && letters.length >= 6 && upper.length / letters.length > 0.6;
}

/** The word just before `end` (letters, digits and inner dots: "v.v", "TP"). */
function wordBefore(text: string, end: number): string {
  let i = end;
  while (i > 0 && /[\p{L}\p{N}.]/u.test(text[i - 1] ?? '')) i--;
  return text.slice(i, end).replace(/^\.+/, '');
}

/** Whether the full stop at `dot` ends its sentence, given the text from the sentence's start. */
function stopEndsSentence(text: string, sentenceStart: number, dot: number): boolean {
  const word = wordBefore(text, dot);
  if (word === '') return true;
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  // An initial: "Nguyễn V. An", "Q. 1", "P. Bến Nghé".
  if (/^\p{Lu}$/u.test(word)) return false;
  if (ROMAN_OR_NUMBER.test(word)) {
    const before = text.slice(sentenceStart, dot - word.length).trim();
    // "1. Thông qua …", "II. Nội dung", "a. …" at the start of a sentence: a list number.
    if (before === '') return false;
    // "Điều 5. …", "Chương II. …"
    const heading = before.toLowerCase().split(/\s+/).slice(-2);
    if (NUMBERED.has(heading[heading.length - 1] ?? '') || NUMBERED.has(heading.join(' '))) return false;
  }
  return true;
}

/**
 * The sentences of an NFC text, as spans of it (whitespace trimmed). A sentence ends at `.`,
 * `!`, `?` or `…` followed by a space and a capital, a digit or an opening quote; at a blank
 * line; after a heading's line; and before a line that starts a list item. Numbers
 * ("1.234,5 tỷ đồng", "31/12/2026", "12/NQ-HĐND") have no space after their dots and stay
 * whole; abbreviations, initials and numbered headings ("Điều 1.") do not end one.
 */
export function splitSentences(text: string): Span[] {
  const cuts: number[] = [];
  let start = 0;
  const boundary =
    /([.!?…]+)(["”’')\]»]*)(?=\s)|\n[ \t]*\n|\n(?=[ \t]*(?:[-–•+*]|\d{1,3}[.)]|[a-zđ]\))[ \t])|\n(?=[ \t]*\S)/gu;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const end = m.index + m[0].length;
    if (m[1] !== undefined) {
      const rest = text.slice(end).replace(/^\s+/, '');
      const next = rest[0] ?? '';
      const opensSentence =
        next === '' || /[\p{Lu}\p{N}"“‘'([«]/u.test(next) || LIST_ITEM.test(text.slice(end).replace(/^[ \t]*\n/, ''));
      if (!opensSentence) continue;
      const marks = m[1];
      if (marks === '.' && !stopEndsSentence(text, start, m.index)) continue;
    } else if (m[0] === '\n' && !LIST_ITEM.test(text.slice(end))) {
      const line = text.slice(Math.max(start, text.lastIndexOf('\n', m.index - 1) + 1), m.index);
      if (!isHeadingLine(line)) continue;
    }
    cuts.push(end);
    start = end;
  }
  cuts.push(text.length);
  const spans: Span[] = [];
  let from = 0;
  for (const to of cuts) {
    for (const span of capLength(text, from, to)) {
      const trimmed = trim(text, span);
      if (/[\p{L}\p{N}]/u.test(text.slice(trimmed.start, trimmed.end))) spans.push(trimmed);
    }
    from = to;
  }
  return spans;
}

function trim(text: string, { start, end }: Span): Span {
  while (start < end && /\s/u.test(text[start] ?? '')) start++;
  while (end > start && /\s/u.test(text[end - 1] ?? '')) end--;
  return { start, end };
}

/** Cuts a too long stretch at the last whitespace before each limit. */
function capLength(text: string, from: number, to: number): Span[] {
  const spans: Span[] = [];
  while (to - from > MAX_SENTENCE_CHARS) {
    const window = text.slice(from, from + MAX_SENTENCE_CHARS);
    const space = window.search(/\s\S*$/u);
    const cut = space > 0 ? from + space : from + MAX_SENTENCE_CHARS;
    spans.push({ start: from, end: cut });
    from = cut;
  }
  spans.push({ start: from, end: to });
  return spans;
}
