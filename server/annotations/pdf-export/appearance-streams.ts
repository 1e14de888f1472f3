import {
  beginText,
  endText,
  fill,
  LineCapStyle,
  LineJoinStyle,
  lineTo,
  moveText,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingRgbColor,
  setFontAndSize,
  setGraphicsState,
  setLineCap,
  setLineJoin,
  setLineWidth,
  setStrokingRgbColor,
  showText,
  stroke,
  type PDFContext,
  type PDFFont,
  type PDFOperator,
  type PDFRef,
} from '@cantoo/pdf-lib';
import { glyphTest } from './font-glyphs.js';
import { drawableText, memoized, wrapText } from './text-lines.js';

/**
 * Our own appearance stream (/AP /N) for each kind of annotation. A reader that finds one
 * draws it as is; without one, each reader invents its own look, and for a note it sets the
 * text in a standard font that has no Vietnamese letters.
 */

export type Rect = readonly [number, number, number, number];
export type Rgb = readonly [number, number, number];

/** One graphics state for a whole appearance. */
interface Paint {
  colour: Rgb;
  opacity: number;
  /** Multiply keeps the text under a highlight black instead of veiling it. */
  multiply: boolean;
}

const GS = 'GS0';

function graphicsState(context: PDFContext, paint: Paint) {
  // Like pdf.js's own highlights: opacity here as well as /CA on the annotation (a reader
  // that draws /AP without applying /CA still shows it see-through).
  return context.obj({
    Type: 'ExtGState',
    ...(paint.multiply ? { BM: 'Multiply' } : {}),
    ca: paint.opacity,
    CA: paint.opacity,
  });
}

function formIn(context: PDFContext, rect: Rect, paint: Paint, operators: PDFOperator[]): PDFRef {
  const form = context.formXObject([pushGraphicsState(), setGraphicsState(GS), ...operators, popGraphicsState()], {
    BBox: [...rect],
    Resources: { ExtGState: { [GS]: graphicsState(context, paint) } },
  });
  return context.register(form);
}

/** A text highlight: each line's box filled, multiplied onto the page. */
export function boxesAppearance(
  context: PDFContext,
  boxes: readonly Rect[],
  rect: Rect,
  colour: Rgb,
  opacity: number,
): PDFRef {
  const ops = [setFillingRgbColor(...colour)];
  for (const [x1, y1, x2, y2] of boxes) ops.push(rectangle(x1, y1, x2 - x1, y2 - y1), fill());
  return formIn(context, rect, { colour, opacity, multiply: true }, ops);
}

/** Free-hand strokes, round at the ends and corners as a pen draws them. */
export function strokesAppearance(
  context: PDFContext,
  strokes: readonly (readonly number[])[],
  thickness: number,
  rect: Rect,
  paint: Paint,
): PDFRef {
  const ops = [
    setStrokingRgbColor(...paint.colour),
    setLineWidth(thickness),
    setLineCap(LineCapStyle.Round),
    setLineJoin(LineJoinStyle.Round),
  ];
  for (const points of strokes) {
    ops.push(moveTo(points[0]!, points[1]!));
    for (let i = 2; i + 1 < points.length; i += 2) ops.push(lineTo(points[i]!, points[i + 1]!));
    ops.push(stroke());
  }
  return formIn(context, rect, paint, ops);
}

const NOTE_PADDING = 2;
const LINE_HEIGHT = 1.2;

/**
 * A note's text in the embedded font, broken to the box's width. On a rotated page the form
 * is turned back (/Matrix) so the text reads upright, as the delegate saw it when writing.
 */
export function noteAppearance(
  context: PDFContext,
  note: { font: PDFFont; fontSize: number; text: string; rect: Rect; pageRotation: number; paint: Paint },
): PDFRef {
  const { font, fontSize, rect, paint } = note;
  const turn = (((Math.round(note.pageRotation / 90) * 90) % 360) + 360) % 360;
  const [w, h] = turn % 180 === 0 ? [rect[2] - rect[0], rect[3] - rect[1]] : [rect[3] - rect[1], rect[2] - rect[0]];
  const text = drawableText(note.text, glyphTest(font));
  const measure = memoized((s) => font.widthOfTextAtSize(s, fontSize));
  const lines = wrapText(text, Math.max(w - 2 * NOTE_PADDING, fontSize), measure);
  const ascent = font.heightAtSize(fontSize, { descender: false });
  const ops: PDFOperator[] = [beginText(), setFillingRgbColor(...paint.colour), setFontAndSize('F1', fontSize)];
  ops.push(moveText(NOTE_PADDING, h - NOTE_PADDING - ascent));
  for (const [i, line] of lines.entries()) {
    if (i > 0) ops.push(moveText(0, -fontSize * LINE_HEIGHT));
    ops.push(showText(font.encodeText(line)));
  }
  ops.push(endText());
  const cos = Math.round(Math.cos((turn * Math.PI) / 180));
  const sin = Math.round(Math.sin((turn * Math.PI) / 180));
  const form = context.formXObject([pushGraphicsState(), setGraphicsState(GS), ...ops, popGraphicsState()], {
    BBox: [0, 0, w, h],
    Matrix: [cos, sin, -sin, cos, 0, 0],
    Resources: { ExtGState: { [GS]: graphicsState(context, paint) }, Font: { F1: font.ref } },
  });
  return context.register(form);
}
