import {
  MAX_ANNOTATION_COORDINATES,
  type Annotation,
  type AnnotationGeometry,
  type AnnotationKind,
} from '../../../shared/protocol/index.js';
import { groupStrokes, simplifyPolyline } from './stroke-simplify.js';

/**
 * pdf.js 5.4.624's editor serialisation, and ours. This file and annotation-bridge.ts are
 * the only ones that know pdf.js's shapes (neither is a stable API); the line numbers are
 * node_modules/pdfjs-dist/build/pdf.mjs. The tests feed `serialize()`-shaped objects of this
 * version, so an upgrade that changes them fails there first.
 */

/** AnnotationEditorType (pdf.mjs:75). */
export const EDITOR_TYPE = { NONE: 0, FREETEXT: 3, HIGHLIGHT: 9, INK: 15 } as const;

/** AnnotationEditorParamsType (pdf.mjs:86). */
export const PARAM = {
  FREETEXT_SIZE: 11,
  FREETEXT_COLOR: 12,
  INK_COLOR: 21,
  INK_THICKNESS: 22,
  HIGHLIGHT_COLOR: 31,
  HIGHLIGHT_THICKNESS: 32,
} as const;

export type Tool = 'read' | 'highlight' | 'ink' | 'note';
export const MODE_OF: Record<Tool, number> = {
  read: EDITOR_TYPE.NONE,
  highlight: EDITOR_TYPE.HIGHLIGHT,
  ink: EDITOR_TYPE.INK,
  note: EDITOR_TYPE.FREETEXT,
};

/** What an editor holds, in our terms: one annotation's drawing, without its id and history. */
export interface Mark {
  page: number;
  kind: AnnotationKind;
  geometry: AnnotationGeometry;
  color: string;
  opacity: number;
  /** A note's text; pdf.js knows no comment on a highlight or drawing (ours stays in our record). */
  text: string;
}

type Numbers = ArrayLike<number>;

interface SerializedCommon {
  annotationType: number;
  pageIndex: number;
  rect: Numbers;
  rotation: number;
  /** [r, g, b], 0–255. */
  color: Numbers;
  /** Set on the stand-in pdf.js makes for a deleted annotation of the file itself (pdf.mjs:6310). */
  deleted?: boolean;
  /** An annotation the PDF file had: not ours. */
  id?: string | null;
}

/** HighlightEditor.serialize (pdf.mjs:22062). */
export interface SerializedHighlight extends SerializedCommon {
  annotationType: 9;
  opacity: number;
  thickness: number;
  /** Text highlight: 8 numbers a box (x1,y2, x2,y2, x1,y1, x2,y1; pdf.mjs:21798); null when free-hand. */
  quadPoints: Numbers | null;
  /** Free-hand: `{ outline, points: [line] }` (pdf.mjs:20862); text: the outline polygons. */
  outlines: { outline: Numbers; points: Numbers[] } | Numbers[];
}

/** InkEditor.serialize (pdf.mjs:23570). */
export interface SerializedInk extends SerializedCommon {
  annotationType: 15;
  opacity: number;
  thickness: number;
  paths: { lines: Numbers[]; points: Numbers[] };
}

/** FreeTextEditor.serialize (pdf.mjs:20477). */
export interface SerializedFreeText extends SerializedCommon {
  annotationType: 3;
  fontSize: number;
  value: string;
}

export type SerializedEditor = SerializedHighlight | SerializedInk | SerializedFreeText | SerializedCommon;

/** Strokes are thinned to within this distance of the drawn line, in points: finer than a pen. */
export const SIMPLIFY_TOLERANCE = 0.5;
const LIMITS = { maxNumbers: MAX_ANNOTATION_COORDINATES, maxPerStroke: 4000 };
const MAX_BOXES = 200;

const round = (v: number) => Math.round(Math.max(-20_000, Math.min(20_000, v)) * 100) / 100;
const clamp = (v: number, min: number, max: number) => Math.max(min, Math.min(max, v));

export function toHex(rgb: Numbers): string {
  const part = (i: number) =>
    clamp(Math.round(rgb[i] ?? 0), 0, 255)
      .toString(16)
      .padStart(2, '0');
  return `#${part(0)}${part(1)}${part(2)}`;
}

export function fromHex(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Rounded, thinned, and at least two points (the schema's minimum: a tap is a dot). */
function cleanStroke(points: Numbers): number[] {
  const rounded = Array.from(points, round);
  const thin = simplifyPolyline(rounded, SIMPLIFY_TOLERANCE);
  return thin.length === 2 ? [...thin, ...thin] : thin;
}

function boxesOf(quadPoints: Numbers): [number, number, number, number][] {
  const boxes: [number, number, number, number][] = [];
  for (let i = 0; i + 7 < quadPoints.length; i += 8) {
    const [x1, x2, top, bottom] = [quadPoints[i]!, quadPoints[i + 2]!, quadPoints[i + 1]!, quadPoints[i + 5]!];
    boxes.push([
      round(Math.min(x1, x2)),
      round(Math.min(top, bottom)),
      round(Math.max(x1, x2)),
      round(Math.max(top, bottom)),
    ]);
  }
  return boxes;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The marks one serialised editor gives: one, or several when a drawing is too long for one
 * annotation even thinned. Nothing for an editor that is not ours (a stamp, or an annotation
 * of the file itself).
 */
export function fromSerialized(s: SerializedEditor): Mark[] {
  if (s.deleted || s.id) return [];
  const page = s.pageIndex + 1;
  const color = toHex(s.color);
  if (s.annotationType === EDITOR_TYPE.HIGHLIGHT) {
    const h = s as SerializedHighlight;
    const opacity = clamp(h.opacity || 1, 0.05, 1);
    const base = { page, kind: 'highlight' as const, color, opacity, text: '' };
    if (h.quadPoints) {
      return chunk(boxesOf(h.quadPoints), MAX_BOXES).map((boxes) => ({ ...base, geometry: { shape: 'boxes', boxes } }));
    }
    const line = Array.isArray(h.outlines) ? undefined : h.outlines.points[0];
    if (!line || line.length < 2) return [];
    const thickness = round(clamp(h.thickness, 0.5, 40));
    // pdf.js deserialises a free highlight from its first line only (pdf.mjs:22010): one stroke each.
    return groupStrokes([cleanStroke(line)], { ...LIMITS, maxStrokes: 1 }).map((strokes) => ({
      ...base,
      geometry: { shape: 'strokes', strokes, thickness },
    }));
  }
  if (s.annotationType === EDITOR_TYPE.INK) {
    const ink = s as SerializedInk;
    const strokes = ink.paths.points.filter((p) => p.length >= 2).map(cleanStroke);
    if (strokes.length === 0) return [];
    const thickness = round(clamp(ink.thickness, 0.5, 40));
    const opacity = clamp(ink.opacity ?? 1, 0.05, 1);
    return groupStrokes(strokes, { ...LIMITS, maxStrokes: 100 }).map((group) => ({
      page,
      kind: 'ink',
      geometry: { shape: 'strokes', strokes: group, thickness },
      color,
      opacity,
      text: '',
    }));
  }
  if (s.annotationType === EDITOR_TYPE.FREETEXT) {
    const note = s as SerializedFreeText;
    const text = note.value.normalize('NFC');
    if (text.trim() === '') return [];
    const [x1, y1, x2, y2] = Array.from(note.rect, round) as [number, number, number, number];
    const rect: [number, number, number, number] = [
      Math.min(x1, x2),
      Math.min(y1, y2),
      Math.max(x1, x2),
      Math.max(y1, y2),
    ];
    const fontSize = round(clamp(note.fontSize, 4, 72));
    return [{ page, kind: 'note', geometry: { shape: 'box', rect, fontSize }, color, opacity: 1, text }];
  }
  return [];
}

function boundsOf(points: readonly number[], margin: number): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i + 1 < points.length; i += 2) {
    minX = Math.min(minX, points[i]!);
    maxX = Math.max(maxX, points[i]!);
    minY = Math.min(minY, points[i + 1]!);
    maxY = Math.max(maxY, points[i + 1]!);
  }
  return [minX - margin, minY - margin, maxX + margin, maxY + margin];
}

/**
 * The object `AnnotationEditorLayer.deserialize` (pdf.mjs:25844) takes for a mark. `rotation`
 * is the page view's (the layer's viewport.rotation), as an editor drawn on that page has it;
 * the coordinates stay those of the unrotated page.
 */
export function toEditorData(mark: Omit<Mark, 'page'>, pageIndex: number, rotation = 0): Record<string, unknown> {
  const g = mark.geometry;
  const common = { pageIndex, rotation, color: fromHex(mark.color), opacity: mark.opacity };
  if (g.shape === 'boxes') {
    // Read back at pdf.mjs:21999: x1, top, x2, top, x1, bottom, x2, bottom.
    const quadPoints = new Float32Array(g.boxes.flatMap(([x1, y1, x2, y2]) => [x1, y2, x2, y2, x1, y1, x2, y1]));
    return {
      ...common,
      annotationType: EDITOR_TYPE.HIGHLIGHT,
      rect: boundsOf(
        g.boxes.flatMap(([x1, y1, x2, y2]) => [x1, y1, x2, y2]),
        0,
      ),
      quadPoints,
    };
  }
  if (g.shape === 'strokes') {
    const all = g.strokes.flat();
    const rect = boundsOf(all, g.thickness / 2);
    if (mark.kind === 'highlight') {
      return {
        ...common,
        annotationType: EDITOR_TYPE.HIGHLIGHT,
        rect,
        thickness: g.thickness,
        inkLists: [g.strokes[0]],
      };
    }
    // Without `lines`, pdf.js builds them from the points with `subarray` (pdf.mjs:23113): typed arrays.
    const points = g.strokes.map((s) => Float32Array.from(s));
    return { ...common, annotationType: EDITOR_TYPE.INK, rect, thickness: g.thickness, paths: { points } };
  }
  // `isCopy`: only then does FreeTextEditor.render put the text in (pdf.mjs:20271); the bridge moves it back.
  return {
    ...common,
    annotationType: EDITOR_TYPE.FREETEXT,
    rect: [...g.rect],
    fontSize: g.fontSize,
    value: mark.text,
    isCopy: true,
  };
}

/** The mark a record of ours stands for (a tombstone has none: not given here). */
export const recordMark = (r: Annotation): Mark => ({
  page: r.page,
  kind: r.kind,
  geometry: r.geometry!,
  color: r.color,
  opacity: r.opacity,
  text: r.kind === 'note' ? r.text : '',
});

/** Equal marks give equal keys: what tells a changed drawing from one seen before. */
export function markKey(mark: Mark): string {
  return JSON.stringify([mark.page, mark.kind, mark.geometry, mark.color, mark.opacity, mark.text]);
}
