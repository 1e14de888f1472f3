import { useEffect, type RefObject } from 'react';

/** Held this long without moving, a touch toggles full screen (a projector PC's touch screen). */
const LONG_PRESS_MS = 700;
/** A finger that drifts further than this is not holding still. */
const SLOP_PX = 12;

/**
 * The display has no controls on screen (they would be read from across the room as part of
 * the meeting), so these are its gestures: F or a double-click/double-tap, or a long press,
 * toggles full screen; Escape leaves the display. In full screen the browser takes Escape
 * itself to leave full screen, so a second Escape is needed to leave the page: on purpose,
 * one stray key should not take the room's screen away.
 */
export function useDisplayGestures(root: RefObject<HTMLElement | null>, leave: () => void): void {
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const toggle = () => {
      if (document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined);
      else void el.requestFullscreen?.().catch(() => undefined);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'f' || e.key === 'F') {
        e.preventDefault();
        toggle();
      } else if (e.key === 'Escape' && !document.fullscreenElement) {
        leave();
      }
    };
    let press: { id: number; x: number; y: number; timer: number } | null = null;
    const cancel = () => {
      if (press) window.clearTimeout(press.timer);
      press = null;
    };
    const onDown = (e: PointerEvent) => {
      if (e.pointerType === 'mouse') return;
      cancel();
      const timer = window.setTimeout(() => {
        press = null;
        toggle();
      }, LONG_PRESS_MS);
      press = { id: e.pointerId, x: e.clientX, y: e.clientY, timer };
    };
    const onMove = (e: PointerEvent) => {
      if (press && e.pointerId === press.id && Math.hypot(e.clientX - press.x, e.clientY - press.y) > SLOP_PX) cancel();
    };
    // The long press is the gesture here: no text-selection menu over the projected page.
    const onMenu = (e: Event) => e.preventDefault();
    document.addEventListener('keydown', onKey);
    el.addEventListener('dblclick', toggle);
    el.addEventListener('pointerdown', onDown);
    el.addEventListener('pointermove', onMove);
    el.addEventListener('pointerup', cancel);
    el.addEventListener('pointercancel', cancel);
    el.addEventListener('contextmenu', onMenu);
    return () => {
      cancel();
      document.removeEventListener('keydown', onKey);
      el.removeEventListener('dblclick', toggle);
      el.removeEventListener('pointerdown', onDown);
      el.removeEventListener('pointermove', onMove);
      el.removeEventListener('pointerup', cancel);
      el.removeEventListener('pointercancel', cancel);
      el.removeEventListener('contextmenu', onMenu);
    };
  }, [root, leave]);
}
