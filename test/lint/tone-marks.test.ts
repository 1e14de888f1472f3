import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { oldStyleToneMarks, toModernToneMarks } from '../support/tone-marks.js';

/**
 * One tone-mark style everywhere a person reads Vietnamese: the modern one of government
 * documents (Chủ tọa, Hủy, Xóa, khỏe, thủy). The old style is written here with escapes, so
 * this file does not trip its own check.
 */
const OLD = { toa: 'to\u1EA1', huy: 'Hu\u1EF7', xoa: 'Xo\u00E1', khoe: 'kho\u1EBB', uyBan: 'U\u1EF7 ban' };

const ROOTS = ['renderer', 'server', 'shared', 'electron', 'test/e2e'];

function sources(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', ...ROOTS], {
    encoding: 'utf8',
  });
  return listed.split('\n').filter((f) => /\.(ts|tsx|json)$/.test(f) && !f.includes('node_modules'));
}

describe('tone marks', () => {
  it('finds the old style at the end of a syllable only', () => {
    expect(oldStyleToneMarks(`Chủ ${OLD.toa}, ${OLD.huy}, ${OLD.xoa}, ${OLD.khoe}, ${OLD.uyBan}`)).toHaveLength(5);
    expect(oldStyleToneMarks('Chủ tọa, Hủy, Xóa, hòa, khỏe, thủy, ủy ban')).toEqual([]);
    // Closed syllables, qu- and three-vowel endings are the same in both styles.
    expect(oldStyleToneMarks('hoàn toàn, khuyến, quý, Quỹ, ngoài, khuya, hoặc')).toEqual([]);
  });

  it('rewrites the old style in the modern one', () => {
    expect(toModernToneMarks(`Chủ ${OLD.toa} ${OLD.uyBan}`)).toBe('Chủ tọa Ủy ban');
  });

  it('is the only style in the translations and the sources', () => {
    const found = sources().flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => oldStyleToneMarks(line).map((word) => `${file}:${i + 1}: ${word}`)),
    );
    expect(found).toEqual([]);
  });
});
