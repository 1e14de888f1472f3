import {
  PDFArray,
  PDFHexString,
  PDFName,
  PDFRef,
  PDFString,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
} from '@cantoo/pdf-lib';
import type { Annotation, AnnotationGeometry } from '../../../shared/protocol/annotations.js';
import { AnnotationExportError } from './annotation-export-error.js';
import { boxesAppearance, noteAppearance, strokesAppearance, type Rect, type Rgb } from './appearance-streams.js';

/**
 * Each record as a real PDF annotation on its page (ISO 32000-1 §12.5): what any reader lists,
 * moves or prints, with its author (/T), its text (/Contents) and our appearance.
 */

export function rgbOf(colour: string): Rgb {
  const channel = (i: number) => Math.round((parseInt(colour.slice(i, i + 2), 16) / 255) * 1000) / 1000;
  return [channel(1), channel(3), channel(5)];
}

function normalised([x1, y1, x2, y2]: Rect): Rect {
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
}

function union(rects: readonly Rect[], margin = 0): Rect {
  return [
    Math.min(...rects.map((r) => r[0])) - margin,
    Math.min(...rects.map((r) => r[1])) - margin,
    Math.max(...rects.map((r) => r[2])) + margin,
    Math.max(...rects.map((r) => r[3])) + margin,
  ];
}

function strokeBounds(strokes: readonly (readonly number[])[]): Rect[] {
  return strokes.map((p) => {
    const xs = p.filter((_, i) => i % 2 === 0);
    const ys = p.filter((_, i) => i % 2 === 1);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  });
}

/** What /Contents says: the comment, or for a highlight without one the words it covers. */
export function contentsOf(a: Pick<Annotation, 'kind' | 'text' | 'quote'>): string {
  return a.text !== '' || a.kind !== 'highlight' ? a.text : a.quote;
}

type Shaped = { subtype: string; rect: Rect; entries: Record<string, unknown>; appearance: PDFRef };

function shaped(doc: PDFDocument, font: PDFFont, page: PDFPage, a: Annotation, geometry: AnnotationGeometry): Shaped {
  const context = doc.context;
  const colour = rgbOf(a.color);
  if (geometry.shape === 'boxes') {
    const boxes = geometry.boxes.map(normalised);
    const rect = union(boxes);
    return {
      subtype: 'Highlight',
      rect,
      // Upper left, upper right, lower left, lower right: the order Acrobat writes and reads.
      entries: { QuadPoints: boxes.flatMap(([x1, y1, x2, y2]) => [x1, y2, x2, y2, x1, y1, x2, y1]) },
      appearance: boxesAppearance(context, boxes, rect, colour, a.opacity),
    };
  }
  if (geometry.shape === 'strokes') {
    const rect = union(strokeBounds(geometry.strokes), geometry.thickness / 2 + 1);
    const paint = { colour, opacity: a.opacity, multiply: a.kind === 'highlight' };
    return {
      subtype: 'Ink',
      rect,
      entries: { InkList: geometry.strokes.map((s) => [...s]), BS: { W: geometry.thickness } },
      appearance: strokesAppearance(context, geometry.strokes, geometry.thickness, rect, paint),
    };
  }
  const rect = normalised(geometry.rect);
  const [r, g, b] = colour;
  return {
    subtype: 'FreeText',
    rect,
    entries: { DA: PDFString.of(`/F1 ${geometry.fontSize} Tf ${r} ${g} ${b} rg`) },
    appearance: noteAppearance(context, {
      font,
      fontSize: geometry.fontSize,
      text: a.text,
      rect,
      pageRotation: page.getRotation().angle,
      paint: { colour, opacity: a.opacity, multiply: false },
    }),
  };
}

/**
 * Adds `ref` to the page's /Annots, keeping the annotations it has (an /Annots that is an
 * indirect array is changed in place: the page still points to it). Returns the objects of
 * the original it changed, for the incremental update to write again.
 */
function appendToPage(doc: PDFDocument, page: PDFPage, ref: PDFRef): PDFRef[] {
  const key = PDFName.of('Annots');
  const entry = page.node.get(key);
  const existing = entry instanceof PDFRef ? doc.context.lookup(entry) : entry;
  if (existing instanceof PDFArray) {
    existing.push(ref);
    return entry instanceof PDFRef ? [page.ref, entry] : [page.ref];
  }
  page.node.set(key, doc.context.obj([ref]));
  return [page.ref];
}

/** Writes one record onto its page; returns the original's objects it changed. */
export function addAnnotation(doc: PDFDocument, font: PDFFont, a: Annotation): PDFRef[] {
  if (a.geometry === null) return [];
  if (a.page > doc.getPageCount())
    throw new AnnotationExportError(
      'bad-annotation',
      `Annotation ${a.id} is on page ${a.page}; the document has ${doc.getPageCount()}`,
    );
  const page = doc.getPage(a.page - 1);
  const { subtype, rect, entries, appearance } = shaped(doc, font, page, a, a.geometry);
  const dict = doc.context.obj({
    Type: 'Annot',
    Subtype: subtype,
    Rect: [...rect],
    P: page.ref,
    // Print: the annotation is on paper too.
    F: 4,
    NM: PDFString.of(a.id),
    T: PDFHexString.fromText(a.author.displayName.normalize('NFC')),
    Contents: PDFHexString.fromText(contentsOf(a).normalize('NFC')),
    M: PDFString.fromDate(new Date(a.updatedAt)),
    CreationDate: PDFString.fromDate(new Date(a.createdAt)),
    C: [...rgbOf(a.color)],
    CA: a.opacity,
    ...entries,
    AP: { N: appearance },
  });
  return appendToPage(doc, page, doc.context.register(dict));
}
