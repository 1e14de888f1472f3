import { useEffect } from 'react';
import { fieldHidden, keyboardInset } from './keyboard-inset.js';

const TYPING =
  'input:not([type=checkbox], [type=radio], [type=button], [type=submit], [type=file]), textarea, select, [contenteditable="true"]';

/**
 * Keeps the field being typed in above the on-screen keyboard: publishes the keyboard's height
 * as --keyboard-inset (fixed bars and dialogs lift by it, see app.css) and, when the visible
 * part of the page shrinks or a field gets focus, scrolls that field back into sight.
 */
export function useKeyboardInset(): void {
  useEffect(() => {
    const view = window.visualViewport;
    if (!view) return;
    const root = document.documentElement;
    let frame = 0;

    const update = () => {
      frame = 0;
      const inset = keyboardInset({
        layoutHeight: window.innerHeight,
        visibleHeight: view.height,
        visibleTop: view.offsetTop,
        scale: view.scale,
      });
      root.style.setProperty('--keyboard-inset', `${inset}px`);
      const field = document.activeElement;
      if (!(field instanceof HTMLElement) || !field.matches(TYPING)) return;
      const box = field.getBoundingClientRect();
      const visible = { top: view.offsetTop, bottom: view.offsetTop + view.height };
      if (fieldHidden(box, visible)) field.scrollIntoView({ block: 'center', inline: 'nearest' });
    };
    // Once per frame: iOS fires scroll and resize many times while the keyboard slides in.
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };

    view.addEventListener('resize', schedule);
    view.addEventListener('scroll', schedule);
    document.addEventListener('focusin', schedule);
    update();
    return () => {
      view.removeEventListener('resize', schedule);
      view.removeEventListener('scroll', schedule);
      document.removeEventListener('focusin', schedule);
      if (frame) cancelAnimationFrame(frame);
      root.style.removeProperty('--keyboard-inset');
    };
  }, []);
}
