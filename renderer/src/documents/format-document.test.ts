import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-document.js';

describe('formatBytes', () => {
  it('says sizes the way each language writes numbers', () => {
    expect(formatBytes(48_000_000, 'en')).toBe('48 MB');
    expect(formatBytes(1_250_000_000, 'vi')).toBe('1,3 GB');
    expect(formatBytes(1_250_000_000, 'en')).toBe('1.3 GB');
    expect(formatBytes(512, 'en')).toBe('512 B');
  });
});
