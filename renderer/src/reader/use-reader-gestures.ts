import { useEffect, useRef, type RefObject } from 'react';

export interface GestureHandlers {
  /** +1 for the next page (a swipe to the left), -1 for the previous one. */
  onSwipe(direction: 1 | -1): void;
  /** The pinch ended: the scale to settle on, relative to the one it started from. */
  onPinch(ratio: number): void;
}

const SWIPE_MIN_PX = 60;
const SWIPE_MAX_MS = 800;
/** A finger held this long before it moves is selecting text (Android's long press), not swiping. */
const LONG_PRESS_MS = 450;

const distance = (t: TouchList) => Math.hypot(t[0]!.clientX - t[1]!.clientX, t[0]!.clientY - t[1]!.clientY);

/**
 * Swipe and pinch on the viewer's container. A swipe turns the page only while the page is
 * no wider than the screen (zoomed in, a horizontal drag pans). A pinch previews with a CSS
 * transform and renders at the new scale once, when the fingers lift: re-rendering on every
 * move would choke a tablet.
 */
export function useReaderGestures(container: RefObject<HTMLDivElement | null>, handlers: GestureHandlers) {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    const box = container.current;
    if (!box) return;
    /** sideways: decided at the finger's first move, whether this drag is a page turn. */
    let start: { x: number; y: number; at: number; sideways?: boolean } | null = null;
    let pinch: { from: number; ratio: number } | null = null;
    const pages = () => box.firstElementChild as HTMLElement | null;
    const pageFits = () => box.scrollWidth <= box.clientWidth + 1;

    const onStart = (e: TouchEvent) => {
      if (e.touches.length === 2) {
        start = null;
        pinch = { from: distance(e.touches), ratio: 1 };
      } else if (e.touches.length === 1 && !pinch) {
        const t = e.touches[0]!;
        start = { x: t.clientX, y: t.clientY, at: Date.now() };
      }
    };
    const onMove = (e: TouchEvent) => {
      if (start && !pinch && e.touches.length === 1) {
        const t = e.touches[0]!;
        const dx = t.clientX - start.x;
        const dy = t.clientY - start.y;
        start.sideways ??= Date.now() - start.at < LONG_PRESS_MS && Math.abs(dx) > Math.abs(dy) && pageFits();
        // A page turn, not the browser's: Chrome on Android takes a sideways drag that
        // scrolls nothing for "back" (the reader closing under a swipe to the previous page).
        if (start.sideways && e.cancelable) e.preventDefault();
        return;
      }
      if (!pinch || e.touches.length !== 2) return;
      e.preventDefault();
      pinch.ratio = distance(e.touches) / pinch.from;
      const view = pages();
      if (view) {
        view.style.transformOrigin = 'center top';
        view.style.transform = `scale(${pinch.ratio})`;
      }
    };
    const onEnd = (e: TouchEvent) => {
      if (pinch && e.touches.length < 2) {
        const view = pages();
        if (view) view.style.transform = '';
        const { ratio } = pinch;
        pinch = null;
        if (Math.abs(ratio - 1) > 0.05) latest.current.onPinch(ratio);
        return;
      }
      if (!start || e.changedTouches.length !== 1) return;
      const t = e.changedTouches[0]!;
      const dx = t.clientX - start.x;
      const dy = t.clientY - start.y;
      const quick = Date.now() - start.at < SWIPE_MAX_MS;
      start = null;
      if (quick && pageFits() && Math.abs(dx) > SWIPE_MIN_PX && Math.abs(dx) > 2 * Math.abs(dy)) {
        latest.current.onSwipe(dx < 0 ? 1 : -1);
      }
    };
    box.addEventListener('touchstart', onStart, { passive: true });
    // Not passive: a pinch must not zoom the whole page as well, nor a page turn go "back".
    box.addEventListener('touchmove', onMove, { passive: false });
    box.addEventListener('touchend', onEnd, { passive: true });
    box.addEventListener('touchcancel', onEnd, { passive: true });
    return () => {
      box.removeEventListener('touchstart', onStart);
      box.removeEventListener('touchmove', onMove);
      box.removeEventListener('touchend', onEnd);
      box.removeEventListener('touchcancel', onEnd);
    };
  }, [container]);
}

/** What a key does in the reader; null leaves it to the browser (scrolling within the page). */
export function keyAction(key: string): { go: 'next' | 'prev' | 'first' | 'last' } | null {
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
      return { go: 'next' };
    case 'ArrowLeft':
    case 'PageUp':
      return { go: 'prev' };
    case 'Home':
      return { go: 'first' };
    case 'End':
      return { go: 'last' };
    default:
      return null;
  }
}
