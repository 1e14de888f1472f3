import { describe, expect, it } from 'vitest';
import { fieldHidden, keyboardInset } from './keyboard-inset.js';

describe('keyboardInset', () => {
  it('is the part of the layout viewport under the visible one (iOS Safari with its keyboard up)', () => {
    expect(keyboardInset({ layoutHeight: 1024, visibleHeight: 660, visibleTop: 0, scale: 1 })).toBe(364);
    // Safari also scrolls the visual viewport down to the field: what is hidden is below both.
    expect(keyboardInset({ layoutHeight: 1024, visibleHeight: 660, visibleTop: 120, scale: 1 })).toBe(244);
  });

  it('is 0 where the browser resized the page for the keyboard (Android, interactive-widget)', () => {
    expect(keyboardInset({ layoutHeight: 600, visibleHeight: 600, visibleTop: 0, scale: 1 })).toBe(0);
  });

  it('is 0 while the person has zoomed the page: less of it shows, but no keyboard covers it', () => {
    expect(keyboardInset({ layoutHeight: 1024, visibleHeight: 512, visibleTop: 0, scale: 2 })).toBe(0);
  });

  it('ignores a browser toolbar sliding by a few pixels', () => {
    expect(keyboardInset({ layoutHeight: 1024, visibleHeight: 1000, visibleTop: 0, scale: 1 })).toBe(0);
  });
});

describe('fieldHidden', () => {
  const visible = { top: 0, bottom: 600 };

  it('is false for a field well inside the visible part', () => {
    expect(fieldHidden({ top: 300, bottom: 344 }, visible)).toBe(false);
  });

  it('is true for a field under the keyboard, or cut by it, or above the top', () => {
    expect(fieldHidden({ top: 700, bottom: 744 }, visible)).toBe(true);
    expect(fieldHidden({ top: 570, bottom: 614 }, visible)).toBe(true);
    expect(fieldHidden({ top: -20, bottom: 24 }, visible)).toBe(true);
  });
});
