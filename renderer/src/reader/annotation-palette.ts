/**
 * The colours and sizes the annotation tools offer. Few on purpose: big swatches a finger
 * can hit, and colours that stay readable under a highlight and on a projector.
 */
export interface Swatch {
  /** Its name under `annotations.colors` in the translations. */
  name: 'yellow' | 'green' | 'blue' | 'pink' | 'red' | 'black';
  color: string;
}

/** pdf.js's own highlight colours, so its floating "highlight" button and our swatches agree. */
export const HIGHLIGHT_SWATCHES: readonly Swatch[] = [
  { name: 'yellow', color: '#ffff98' },
  { name: 'green', color: '#53ffbc' },
  { name: 'blue', color: '#80ebff' },
  { name: 'pink', color: '#ffcbe6' },
  { name: 'red', color: '#ff4f5f' },
];

export const PEN_SWATCHES: readonly Swatch[] = [
  { name: 'black', color: '#000000' },
  { name: 'red', color: '#d00000' },
  { name: 'blue', color: '#0050c8' },
  { name: 'green', color: '#00873c' },
];

/** `annotationEditorHighlightColors` for PDFViewer (read at web/pdf_viewer.mjs:7786). */
export const PDFJS_HIGHLIGHT_COLORS = HIGHLIGHT_SWATCHES.map((s) => `${s.name}=${s.color}`).join(',');

/** Pen widths in points (ink), free-highlight widths, letter sizes for notes. */
export const SIZES = {
  ink: [1, 2, 4, 8],
  highlight: [8, 12, 20],
  note: [10, 14, 20],
} as const;
