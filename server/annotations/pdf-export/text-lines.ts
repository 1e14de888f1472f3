/**
 * Text as it goes onto a PDF page with an embedded font: normalised, cleaned of what the font
 * cannot draw, and broken into lines that fit a width.
 */

/** Measures a string in points, at the size it will be drawn. */
export type Measure = (text: string) => number;

/**
 * NFC (a delegate's tablet may send Vietnamese decomposed: "e" + U+0302 + U+0301; the font's
 * subset and the ToUnicode map are cleanest with the one precomposed letter), tabs as spaces,
 * other control characters dropped, and every letter the font has no glyph for shown as "?",
 * so nothing falls silently onto .notdef.
 */
export function drawableText(text: string, hasGlyph: (codePoint: number) => boolean): string {
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (ch === '\t') out += ' ';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    else out += hasGlyph(code) ? ch : '?';
  }
  return out;
}

/** Cuts a word wider than the line into pieces that fit (at least one letter each). */
function splitLongWord(word: string, maxWidth: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece !== '' && measure(piece + ch) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

function wrapParagraph(paragraph: string, maxWidth: number, measure: Measure): string[] {
  const space = measure(' ');
  const lines: string[] = [];
  let line = '';
  let width = 0;
  for (const word of paragraph.split(' ').filter((w) => w !== '')) {
    const wordWidth = measure(word);
    if (line !== '' && width + space + wordWidth <= maxWidth) {
      line += ` ${word}`;
      width += space + wordWidth;
      continue;
    }
    if (line !== '') lines.push(line);
    const pieces = wordWidth <= maxWidth ? [word] : splitLongWord(word, maxWidth, measure);
    line = pieces.pop()!;
    width = measure(line);
    lines.push(...pieces);
  }
  lines.push(line);
  return lines;
}

/**
 * `measure` remembering what it measured. A line's width is taken as the sum of its words'
 * and spaces' (kerning across a space is left out: a fraction of a point), so each word is
 * laid out through the font once: that is what costs when a list has thousands of notes.
 */
export function memoized(measure: Measure): Measure {
  const widths = new Map<string, number>();
  return (s) => {
    let width = widths.get(s);
    if (width === undefined) widths.set(s, (width = measure(s)));
    return width;
  };
}

/** The lines of `text` (already drawable), each at most `maxWidth` wide; "\n" starts a new line. */
export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
  return text.split('\n').flatMap((paragraph) => wrapParagraph(paragraph, maxWidth, measure));
}
