import { describe, expect, it } from 'vitest';
import { AnnotationInputSchema, MAX_ANNOTATION_COORDINATES } from '../../../shared/protocol/index.js';
import {
  fromSerialized,
  markKey,
  toEditorData,
  type Mark,
  type SerializedFreeText,
  type SerializedHighlight,
  type SerializedInk,
} from './annotation-shapes.js';
import { cutPolyline, groupStrokes, simplifyPolyline } from './stroke-simplify.js';

/*
 * The serialised editors below have the shape pdf.js 5.4.624's `serialize()` gives (the
 * fields and types of pdf.mjs:6319 + 22062, 23570, 20477): Float32Arrays where pdf.js makes
 * them, the base fields every editor adds, and a free highlight's `outlines` object.
 */
const base = { rotation: 0, structTreeParentId: null, popupRef: '', id: null };

const textHighlight: SerializedHighlight = {
  ...base,
  annotationType: 9,
  pageIndex: 1,
  rect: [72.004, 700.1, 300.5, 730.25],
  color: [255, 255, 152],
  opacity: 1,
  thickness: 12,
  // Two lines: x1,y2, x2,y2, x1,y1, x2,y1 each.
  quadPoints: new Float32Array([
    72.004, 730.25, 300.5, 730.25, 72.004, 716.1, 300.5, 716.1, 72, 714, 180.333, 714, 72, 700.1, 180.333, 700.1,
  ]),
  outlines: [[72, 730.25, 300.5, 730.25, 300.5, 716.1, 72, 716.1]],
};

const freeHighlight: SerializedHighlight = {
  ...base,
  annotationType: 9,
  pageIndex: 0,
  rect: [100, 400, 220, 440],
  color: [83, 255, 188],
  opacity: 1,
  thickness: 12,
  quadPoints: null,
  outlines: { outline: [100, 400, 220, 400, 220, 440, 100, 440], points: [[106, 420, 150.004, 421.5, 214, 419]] },
};

const ink: SerializedInk = {
  ...base,
  annotationType: 15,
  pageIndex: 2,
  rect: [50, 50, 120, 90],
  color: [204, 0, 0],
  opacity: 1,
  thickness: 2,
  paths: {
    lines: [new Float32Array([NaN, NaN, NaN, NaN, 51, 51, 60, 60, 70, 70, 80, 80])],
    points: [new Float32Array([51, 51, 80.125, 80.125]), new Float32Array([100, 60, 110, 70, 119, 89])],
  },
};

const note: SerializedFreeText = {
  ...base,
  annotationType: 3,
  pageIndex: 4,
  rect: [300.126, 500, 460.3333, 530.5],
  color: [0, 0, 0],
  fontSize: 10,
  value: 'Đề nghị làm rõ điều 5 — Biểu quyết',
};

/** What deserialize() turns a mark into, read back the way serialize() writes it. */
function serializedFrom(data: Record<string, unknown>) {
  const common = {
    ...base,
    pageIndex: data.pageIndex as number,
    rect: data.rect as number[],
    color: data.color as number[],
    opacity: data.opacity as number,
  };
  if (data.annotationType === 9 && data.quadPoints) {
    return {
      ...common,
      annotationType: 9,
      thickness: 12,
      quadPoints: data.quadPoints as Float32Array,
      outlines: [],
    } as SerializedHighlight;
  }
  if (data.annotationType === 9) {
    const [line] = data.inkLists as number[][];
    return {
      ...common,
      annotationType: 9,
      thickness: data.thickness as number,
      quadPoints: null,
      outlines: { outline: [], points: [line] },
    } as SerializedHighlight;
  }
  if (data.annotationType === 15) {
    const { points } = data.paths as { points: Float32Array[] };
    return {
      ...common,
      annotationType: 15,
      thickness: data.thickness as number,
      paths: { lines: [], points },
    } as SerializedInk;
  }
  return {
    ...common,
    annotationType: 3,
    fontSize: data.fontSize as number,
    value: data.value as string,
  } as SerializedFreeText;
}

function roundTrip(mark: Mark): Mark[] {
  return fromSerialized(serializedFrom(toEditorData(mark, mark.page - 1)));
}

function asInput(mark: Mark) {
  return {
    id: '0190d6c0-0000-7000-8000-000000000001',
    documentId: '0190d6c0-0000-7000-8000-000000000002',
    version: 1,
    carriedFrom: null,
    quote: '',
    createdAt: '2026-11-30T12:00:00.000Z',
    ...mark,
  };
}

describe('pdf.js editors to our annotations', () => {
  it('reads a text highlight as one box a line, rounded to 0.01 pt', () => {
    const [mark, more] = fromSerialized(textHighlight);
    expect(more).toBeUndefined();
    expect(mark).toEqual({
      page: 2,
      kind: 'highlight',
      geometry: {
        shape: 'boxes',
        boxes: [
          [72, 716.1, 300.5, 730.25],
          [72, 700.1, 180.33, 714],
        ],
      },
      color: '#ffff98',
      opacity: 1,
      text: '',
    });
    expect(roundTrip(mark!)).toEqual([mark]);
  });

  it('reads a free-hand highlight as one stroke with its width', () => {
    const [mark] = fromSerialized(freeHighlight);
    expect(mark).toMatchObject({ page: 1, kind: 'highlight', color: '#53ffbc' });
    expect(mark!.geometry).toEqual({ shape: 'strokes', strokes: [[106, 420, 150, 421.5, 214, 419]], thickness: 12 });
    expect(roundTrip(mark!)).toEqual([mark]);
  });

  it('reads an ink drawing stroke by stroke, a two-point stroke kept whole', () => {
    const [mark] = fromSerialized(ink);
    expect(mark).toMatchObject({ page: 3, kind: 'ink', color: '#cc0000', opacity: 1 });
    expect(mark!.geometry).toEqual({
      shape: 'strokes',
      strokes: [
        [51, 51, 80.13, 80.13],
        [100, 60, 110, 70, 119, 89],
      ],
      thickness: 2,
    });
    expect(roundTrip(mark!)).toEqual([mark]);
  });

  it('gives the ink editor typed arrays, which pdf.js needs to rebuild its curves', () => {
    const [mark] = fromSerialized(ink);
    const data = toEditorData(mark!, 2, 90) as {
      paths: { points: unknown[] };
      rotation: number;
      annotationType: number;
    };
    expect(data.annotationType).toBe(15);
    expect(data.rotation).toBe(90);
    expect(data.paths.points.every((p) => p instanceof Float32Array)).toBe(true);
  });

  it('reads a text note with its Vietnamese text, box and letter size', () => {
    const [mark] = fromSerialized(note);
    expect(mark).toEqual({
      page: 5,
      kind: 'note',
      geometry: { shape: 'box', rect: [300.13, 500, 460.33, 530.5], fontSize: 10 },
      color: '#000000',
      opacity: 1,
      text: 'Đề nghị làm rõ điều 5 — Biểu quyết',
    });
    expect(toEditorData(mark!, 4)).toMatchObject({ annotationType: 3, value: mark!.text, isCopy: true, fontSize: 10 });
    expect(roundTrip(mark!)).toEqual([mark]);
  });

  it('makes records the protocol accepts', () => {
    for (const s of [textHighlight, freeHighlight, ink, note]) {
      for (const mark of fromSerialized(s)) expect(AnnotationInputSchema.safeParse(asInput(mark)).success).toBe(true);
    }
  });

  it('leaves out what is not ours: the file’s own annotations, deleted stand-ins, empty notes, stamps', () => {
    expect(fromSerialized({ ...note, id: 'pdf-annotation-12R' })).toEqual([]);
    expect(fromSerialized({ ...ink, deleted: true })).toEqual([]);
    expect(fromSerialized({ ...note, value: '  ' })).toEqual([]);
    expect(fromSerialized({ ...base, annotationType: 13, pageIndex: 0, rect: [0, 0, 1, 1], color: [0, 0, 0] })).toEqual(
      [],
    );
  });

  it('tells a changed mark from the same one', () => {
    const [mark] = fromSerialized(ink);
    expect(markKey(mark!)).toBe(markKey(fromSerialized(ink)[0]!));
    expect(markKey({ ...mark!, color: '#000000' })).not.toBe(markKey(mark!));
  });
});

describe('long strokes', () => {
  /** A wobbly line: every point within 0.2 pt of y = 100. */
  const wobbly = Array.from({ length: 500 }, (_, i) => [i, 100 + (i % 2 ? 0.2 : -0.2)]).flat();

  it('thins points that lie on the line to within half a point', () => {
    const thin = simplifyPolyline(wobbly, 0.5);
    expect(thin).toEqual([0, 99.8, 499, 100.2]);
  });

  it('keeps a corner', () => {
    expect(simplifyPolyline([0, 0, 50, 0.1, 100, 0, 100, 100], 0.5)).toEqual([0, 0, 100, 0, 100, 100]);
  });

  it('cuts a stroke into pieces that join end to start', () => {
    const pieces = cutPolyline([0, 0, 1, 1, 2, 2, 3, 3, 4, 4], 6);
    expect(pieces).toEqual([
      [0, 0, 1, 1, 2, 2],
      [2, 2, 3, 3, 4, 4],
    ]);
  });

  it('splits a drawing that stays too long into several annotations, each within the limit', () => {
    // A zigzag no thinning removes: 20 strokes of 600 points.
    const zigzag = (n: number) => Array.from({ length: n }, (_, i) => [i * 2, i % 2 ? 50 : 0]).flat();
    const serialized: SerializedInk = {
      ...ink,
      paths: { lines: [], points: Array.from({ length: 20 }, () => new Float32Array(zigzag(600))) },
    };
    const marks = fromSerialized(serialized);
    expect(marks.length).toBeGreaterThan(1);
    const strokes = marks.flatMap((m) => (m.geometry.shape === 'strokes' ? m.geometry.strokes : []));
    expect(strokes).toHaveLength(20);
    for (const mark of marks) expect(AnnotationInputSchema.safeParse(asInput(mark)).success).toBe(true);
  });

  it('groups strokes by count and by size', () => {
    const groups = groupStrokes(
      [
        [0, 0, 1, 1],
        [2, 2, 3, 3],
        [4, 4, 5, 5],
      ],
      { maxNumbers: 8, maxStrokes: 100, maxPerStroke: 4000 },
    );
    expect(groups.map((g) => g.length)).toEqual([2, 1]);
    expect(
      groupStrokes(
        [
          [0, 0, 1, 1],
          [2, 2, 3, 3],
        ],
        { maxNumbers: 100, maxStrokes: 1, maxPerStroke: 4000 },
      ),
    ).toHaveLength(2);
    const long = Array.from({ length: MAX_ANNOTATION_COORDINATES + 10 }, (_, i) => i);
    const cut = groupStrokes([long], { maxNumbers: MAX_ANNOTATION_COORDINATES, maxStrokes: 1, maxPerStroke: 4000 });
    expect(cut.every((g) => g.flat().length <= 4000)).toBe(true);
  });
});
