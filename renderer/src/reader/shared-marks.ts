import type { EventBus, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import type { Annotation } from '../../../shared/protocol/index.js';

/*
 * Others' shared annotations, drawn by us over each rendered page from our record, never as
 * pdf.js editors: the reader must not be able to select, move or delete someone else's mark.
 * pdf.js empties a page's div when it renders it again (zoom, scroll back), so each page's
 * drawing is made again on its `pagerendered` event.
 */

const SVG = 'http://www.w3.org/2000/svg';

interface PageView {
  div: HTMLDivElement;
  viewport: { scale: number; width: number; height: number; convertToViewportPoint(x: number, y: number): number[] };
}

function element<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

/** Screen points of a flat x,y list of PDF points. */
function toScreen(view: PageView, points: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    const [x, y] = view.viewport.convertToViewportPoint(points[i]!, points[i + 1]!) as [number, number];
    out.push(x, y);
  }
  return out;
}

function bounds(points: readonly number[]): { left: number; top: number; right: number; bottom: number } {
  const xs = points.filter((_, i) => i % 2 === 0);
  const ys = points.filter((_, i) => i % 2 === 1);
  return { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
}

type Bounds = ReturnType<typeof bounds>;

function box(b: Bounds, attrs: Record<string, string | number>): SVGRectElement {
  return element('rect', { x: b.left, y: b.top, width: b.right - b.left, height: b.bottom - b.top, ...attrs });
}

function draw(view: PageView, mark: Annotation): SVGGElement | null {
  const g = mark.geometry;
  if (!g) return null;
  const group = element('g', {
    class: `shared-marks__mark shared-marks__mark--${mark.kind}`,
    'data-annotation-id': mark.id,
  });
  const title = element('title', {});
  title.textContent = `${mark.author.displayName}${mark.text ? `: ${mark.text}` : ''}`;
  group.append(title);
  const scale = view.viewport.scale;
  let corners: number[];
  if (g.shape === 'boxes') {
    corners = toScreen(view, g.boxes.flat());
    for (const line of g.boxes)
      group.append(box(bounds(toScreen(view, line)), { fill: mark.color, 'fill-opacity': 0.45 }));
  } else if (g.shape === 'strokes') {
    corners = toScreen(view, g.strokes.flat());
    for (const stroke of g.strokes) {
      group.append(
        element('polyline', {
          points: toScreen(view, stroke).join(' '),
          fill: 'none',
          stroke: mark.color,
          'stroke-width': g.thickness * scale,
          'stroke-opacity': mark.kind === 'highlight' ? 0.45 : mark.opacity,
          'stroke-linecap': 'round',
          'stroke-linejoin': 'round',
        }),
      );
    }
  } else {
    corners = toScreen(view, g.rect);
    const b = bounds(corners);
    group.append(box(b, { class: 'shared-marks__note' }));
    const size = g.fontSize * scale;
    mark.text.split('\n').forEach((line, i) => {
      const text = element('text', { x: b.left + 2, y: b.top + size * (i + 1), 'font-size': size, fill: mark.color });
      text.textContent = line;
      group.append(text);
    });
  }
  const b = bounds(corners);
  const label = element('text', { x: b.left, y: Math.max(12, b.top - 3), class: 'shared-marks__author' });
  label.textContent = mark.author.displayName;
  group.append(label);
  return group;
}

export class SharedMarks {
  private marks: readonly Annotation[] = [];
  private readonly stop = new AbortController();

  constructor(
    eventBus: EventBus,
    private readonly viewer: PDFViewer,
  ) {
    eventBus.on('pagerendered', ({ pageNumber }: { pageNumber: number }) => this.drawPage(pageNumber), {
      signal: this.stop.signal,
    });
  }

  /** Others' shared annotations of the version on screen. */
  set(marks: readonly Annotation[]): void {
    this.marks = marks;
    for (let page = 1; page <= this.viewer.pagesCount; page++) this.drawPage(page);
  }

  destroy(): void {
    this.stop.abort();
  }

  private drawPage(pageNumber: number): void {
    const view = this.viewer.getPageView(pageNumber - 1) as PageView | undefined;
    if (!view?.div) return;
    view.div.querySelector(':scope > .shared-marks')?.remove();
    const marks = this.marks.filter((m) => m.page === pageNumber);
    if (marks.length === 0) return;
    const { width, height } = view.viewport;
    const svg = element('svg', { class: 'shared-marks', viewBox: `0 0 ${width} ${height}`, 'aria-hidden': 'true' });
    svg.setAttribute('data-testid', 'shared-marks');
    for (const mark of marks) {
      const group = draw(view, mark);
      if (group) svg.append(group);
    }
    view.div.append(svg);
  }
}
