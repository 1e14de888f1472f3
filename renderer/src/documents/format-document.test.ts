import { describe, expect, it } from 'vitest';
import { formatBytes, titleFromFileName } from './format-document.js';

describe('formatBytes', () => {
  it('says sizes the way each language writes numbers', () => {
    expect(formatBytes(48_000_000, 'en')).toBe('48 MB');
    expect(formatBytes(1_250_000_000, 'vi')).toBe('1,3 GB');
    expect(formatBytes(1_250_000_000, 'en')).toBe('1.3 GB');
    expect(formatBytes(512, 'en')).toBe('512 B');
  });
});

describe('titleFromFileName', () => {
  it('drops the .pdf ending, whatever its case, and keeps a name that is nothing else', () => {
    expect(titleFromFileName('Nghị quyết số 12.PDF')).toBe('Nghị quyết số 12');
    expect(titleFromFileName('.pdf')).toBe('.pdf');
  });
});
