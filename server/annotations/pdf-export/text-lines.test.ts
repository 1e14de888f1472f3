import { describe, expect, it } from 'vitest';
import { drawableText, memoized, wrapText } from './text-lines.js';

/** A monospaced measure: every letter 1 wide, so widths are counts. */
const mono = (s: string) => [...s].length;

describe('drawableText', () => {
  it('composes decomposed Vietnamese (NFD from a tablet) into the precomposed letters', () => {
    const decomposed = 'Biểu quyết Đại hội'.normalize('NFD');
    expect(decomposed).not.toBe('Biểu quyết Đại hội');
    expect(drawableText(decomposed, () => true)).toBe('Biểu quyết Đại hội');
  });

  it('keeps line breaks, turns tabs into spaces, drops other control characters', () => {
    expect(drawableText('a\tb\r\nc\rd\u0007e\u0085f', () => true)).toBe('a b\nc\ndef');
  });

  it('shows a letter the font lacks as "?" rather than an empty box', () => {
    const latinOnly = (c: number) => c < 0x3000;
    expect(drawableText('Họp 会议 xong', latinOnly)).toBe('Họp ?? xong');
  });
});

describe('wrapText', () => {
  it('breaks between words, never wider than the line', () => {
    const lines = wrapText('Đề nghị làm rõ điều 5 về biểu quyết', 12, mono);
    expect(lines).toEqual(['Đề nghị làm', 'rõ điều 5 về', 'biểu quyết']);
    for (const line of lines) expect(mono(line)).toBeLessThanOrEqual(12);
  });

  it('cuts a word longer than the line into pieces that fit', () => {
    expect(wrapText('xem https://example.vn/tai-lieu/123 nhé', 10, mono)).toEqual([
      'xem',
      'https://ex',
      'ample.vn/t',
      'ai-lieu/12',
      '3 nhé',
    ]);
  });

  it('keeps the given line breaks and empty lines, and collapses runs of spaces', () => {
    expect(wrapText('một\n\nhai   ba', 20, mono)).toEqual(['một', '', 'hai ba']);
  });

  it('a line narrower than one letter still makes progress, one letter a line', () => {
    expect(wrapText('abc', 0.5, mono)).toEqual(['a', 'b', 'c']);
  });
});

describe('memoized', () => {
  it('measures each string once', () => {
    const seen: string[] = [];
    const measure = memoized((s) => {
      seen.push(s);
      return s.length;
    });
    wrapText('lá lá lá lá lá', 5, measure);
    expect(seen.sort()).toEqual([' ', 'lá']);
  });
});
