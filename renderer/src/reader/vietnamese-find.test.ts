import { describe, expect, it } from 'vitest';
import { foldD, foldQuery } from './vietnamese-find.js';

describe('folding đ for the find controller', () => {
  it('turns đ and Đ into d and D and leaves every other letter and the length alone', () => {
    const page = 'Nghị quyết Đại hội đồng cổ đông';
    expect(foldD(page)).toBe('Nghị quyết Dại hội dồng cổ dông');
    expect(foldD(page)).toHaveLength(page.length);
  });

  it('folds each part of a multi-word query', () => {
    expect(foldQuery(['đại', 'hội'])).toEqual(['dại', 'hội']);
    expect(foldQuery('Đồng')).toBe('Dồng');
  });
});
