import { PDFDict, PDFName, PDFRef, rgb, type PDFDocument, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import type { Annotation } from '../../../shared/protocol/annotations.js';
import { withoutChangeTracking } from './change-tracking.js';
import { formatTime, notesListLabels, type ExportLanguage } from './notes-list-labels.js';
import { glyphTest } from './font-glyphs.js';
import { drawableText, memoized, wrapText, type Measure } from './text-lines.js';

/**
 * Pages added after the document: every annotation in one list (page, kind, author, time,
 * text), so a printed copy or a reader that hides annotations still shows what was noted.
 */

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const WIDTH = A4[0] - 2 * MARGIN;
const INDENT = 14;
const GREY = rgb(0.35, 0.35, 0.35);
const BLACK = rgb(0, 0, 0);
const WARNING = rgb(0.6, 0, 0);
/** A page tree deeper than this is a loop, not a tree. */
const MAX_TREE_DEPTH = 64;

interface Line {
  text: string;
  size: number;
  indent: number;
  colour: typeof BLACK;
  /** Space above the line, on top of its own height. */
  gap: number;
  /** Starts a block (an entry) that should not leave its first line alone at a page's foot. */
  keepWithNext?: boolean;
}

export interface NotesListInput {
  annotations: readonly Annotation[];
  language: ExportLanguage;
  title: string;
  exportedAt: Date;
  timeZone: string;
  /** A plain sentence at the top, for a copy that is not the original plus an update. */
  banner?: string;
}

/** Top of the annotation on its page, so the list reads each page from top to bottom. */
function topOf(a: Annotation): number {
  const g = a.geometry;
  if (!g) return 0;
  if (g.shape === 'boxes') return Math.max(...g.boxes.map((b) => Math.max(b[1], b[3])));
  if (g.shape === 'box') return Math.max(g.rect[1], g.rect[3]);
  return Math.max(...g.strokes.flatMap((s) => s.filter((_, i) => i % 2 === 1)));
}

function listLines(font: PDFFont, input: NotesListInput): Line[] {
  const labels = notesListLabels(input.language);
  const hasGlyph = glyphTest(font);
  const measures = new Map<number, Measure>();
  const measureAt = (size: number) => {
    if (!measures.has(size))
      measures.set(
        size,
        memoized((s) => font.widthOfTextAtSize(s, size)),
      );
    return measures.get(size)!;
  };
  const lines: Line[] = [];
  const add = (text: string, size: number, colour: typeof BLACK, indent = 0, gap = 0, keepWithNext = false) => {
    const wrapped = wrapText(drawableText(text, hasGlyph), WIDTH - indent, measureAt(size));
    wrapped.forEach((t, i) => lines.push({ text: t, size, indent, colour, gap: i === 0 ? gap : 0, keepWithNext }));
  };
  add(labels.heading, 18, BLACK);
  if (input.banner) add(input.banner, 12, WARNING, 0, 8);
  add(labels.document(input.title), 11, GREY, 0, 8);
  add(labels.exportedAt(formatTime(input.exportedAt, input.language, input.timeZone)), 11, GREY);
  add(input.annotations.length === 0 ? labels.none : labels.count(input.annotations.length), 11, GREY);
  const ordered = [...input.annotations].sort((a, b) => a.page - b.page || topOf(b) - topOf(a));
  for (const a of ordered) {
    const time = formatTime(a.createdAt, input.language, input.timeZone);
    const head = [labels.page(a.page), labels.kinds[a.kind], a.author.displayName, time].join(' · ');
    add(head, 10, GREY, 0, 12, true);
    if (a.kind === 'highlight' && a.quote !== '') add(`“${a.quote}”`, 11, GREY, INDENT, 2);
    if (a.text !== '') add(a.text, 11, BLACK, INDENT, 2);
    if (a.text === '' && (a.kind !== 'highlight' || a.quote === '')) add(labels.noText, 11, GREY, INDENT, 2);
  }
  return lines;
}

const lineHeight = (l: Line) => l.size * 1.3 + l.gap;

/** Lines per page: a page ends where the next line would cross the bottom margin. */
function paginate(lines: Line[]): Line[][] {
  const pages: Line[][] = [[]];
  let room = A4[1] - 2 * MARGIN;
  for (const [i, line] of lines.entries()) {
    const next = lines[i + 1];
    const needed = lineHeight(line) + (line.keepWithNext && next && !next.keepWithNext ? lineHeight(next) : 0);
    if (needed > room && pages.at(-1)!.length > 0) {
      pages.push([]);
      room = A4[1] - 2 * MARGIN;
    }
    pages.at(-1)!.push(line);
    room -= lineHeight(line);
  }
  return pages;
}

/** The page tree nodes above a page: adding it changed their /Kids and /Count. */
function ancestorsOf(doc: PDFDocument, page: PDFPage): PDFRef[] {
  const refs: PDFRef[] = [];
  for (let node: PDFDict | undefined = page.node; refs.length < MAX_TREE_DEPTH;) {
    const parent = node.get(PDFName.of('Parent'));
    if (!(parent instanceof PDFRef)) break;
    refs.push(parent);
    node = doc.context.lookupMaybe(parent, PDFDict);
    if (!node) break;
  }
  return refs;
}

export async function appendNotesList(doc: PDFDocument, font: PDFFont, input: NotesListInput): Promise<void> {
  const labels = notesListLabels(input.language);
  const pages = paginate(listLines(font, input));
  await withoutChangeTracking(doc, () => {
    for (const [n, lines] of pages.entries()) {
      const page = doc.addPage(A4);
      doc.context.snapshot?.markRefsForSave(ancestorsOf(doc, page));
      let y = A4[1] - MARGIN;
      for (const line of lines) {
        y -= lineHeight(line);
        page.drawText(line.text, { x: MARGIN + line.indent, y, size: line.size, font, color: line.colour });
      }
      const footer = labels.footer(n + 1, pages.length);
      const x = (A4[0] - font.widthOfTextAtSize(footer, 9)) / 2;
      page.drawText(footer, { x, y: MARGIN / 2, size: 9, font, color: GREY });
    }
  });
}
