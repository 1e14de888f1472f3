import { describe, expect, it } from 'vitest';
import { keyAction } from './use-reader-gestures.js';

describe('the reader’s keys', () => {
  it('turn pages with arrows and PageUp/PageDown, jump with Home/End, and leave the rest to the browser', () => {
    expect(keyAction('ArrowRight')).toEqual({ go: 'next' });
    expect(keyAction('PageDown')).toEqual({ go: 'next' });
    expect(keyAction('ArrowLeft')).toEqual({ go: 'prev' });
    expect(keyAction('PageUp')).toEqual({ go: 'prev' });
    expect(keyAction('Home')).toEqual({ go: 'first' });
    expect(keyAction('End')).toEqual({ go: 'last' });
    // Up and down scroll within a zoomed page.
    expect(keyAction('ArrowDown')).toBeNull();
  });
});
