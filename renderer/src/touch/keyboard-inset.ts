/**
 * The on-screen keyboard, measured from the visual viewport. Android Chrome shrinks the layout
 * viewport for it (index.html's interactive-widget=resizes-content), iOS Safari does not: there
 * the keyboard covers the bottom of the layout viewport, fixed bars and dialogs included, and
 * only window.visualViewport says by how much.
 */
export interface ViewportSample {
  /** window.innerHeight: the layout viewport, where position: fixed is measured from. */
  layoutHeight: number;
  /** visualViewport.height and .offsetTop: the part of it the person sees. */
  visibleHeight: number;
  visibleTop: number;
  /** visualViewport.scale: a page the person zoomed also shows less of itself. */
  scale: number;
}

/** How many CSS pixels at the bottom of the layout viewport the keyboard hides (0 when none). */
export function keyboardInset(sample: ViewportSample): number {
  // Zoomed in, the visible part is smaller because of the zoom, not a keyboard.
  if (Math.abs(sample.scale - 1) > 0.01) return 0;
  const hidden = sample.layoutHeight - sample.visibleHeight - sample.visibleTop;
  // A toolbar sliding in or out moves it by a few pixels: no keyboard is that small.
  return hidden > 40 ? Math.round(hidden) : 0;
}

export interface Band {
  top: number;
  bottom: number;
}

/** Margin kept between a focused field and the keyboard or the top edge. */
const CLEARANCE_PX = 8;

/** Whether a field (its client rectangle) is partly out of the visible band and should be scrolled to. */
export function fieldHidden(field: Band, visible: Band): boolean {
  return field.top < visible.top + CLEARANCE_PX || field.bottom > visible.bottom - CLEARANCE_PX;
}
