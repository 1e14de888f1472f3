import { describe, expect, it } from 'vitest';
import { isPartLoadError } from './part-load-error.js';

describe('a part of the app that could not be fetched', () => {
  it("is told apart from other errors, in each browser's words", () => {
    for (const message of [
      'Failed to fetch dynamically imported module: https://phonghop.local/assets/DocumentReader-3f2a1b.js',
      'Importing a module script failed.',
      'error loading dynamically imported module: https://phonghop.local/assets/DocumentReader-3f2a1b.js',
      'Unable to preload CSS for /assets/DocumentReader-3f2a1b.css',
    ])
      expect(isPartLoadError(new TypeError(message))).toBe(true);
    expect(isPartLoadError(new TypeError("Cannot read properties of undefined (reading 'title')"))).toBe(false);
    expect(isPartLoadError(null)).toBe(false);
    expect(isPartLoadError({ message: 'Failed to fetch dynamically imported module' })).toBe(false);
  });
});
