import { describe, expect, it } from 'vitest';
import { foldForSearch, searchTerms } from './search-fold.js';

describe('search folding', () => {
  it('matches both tone-mark styles', () => {
    // The old style (mark on the last vowel), written with escapes: the sources use the modern one.
    expect(foldForSearch('Chủ to\u1EA1')).toBe(foldForSearch('Chủ tọa'));
    expect(foldForSearch('Hu\u1EF7 b\u1ECF')).toBe(foldForSearch('Hủy bỏ'));
    expect(searchTerms('chu toa')).toEqual(searchTerms('Chủ tọa'));
  });

  it('folds đ to d and ignores case and marks', () => {
    expect(foldForSearch('Đại hội')).toBe('dai hoi');
  });

  it('matches decomposed text as composed', () => {
    expect(foldForSearch('Chủ tọa'.normalize('NFD'))).toBe(foldForSearch('Chủ tọa'));
  });
});
