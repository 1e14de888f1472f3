import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from './pdfjs.js';

/** Thumbnails are this wide in CSS pixels; drawn at the screen's density, no more. */
const WIDTH = 96;

interface Props {
  pdf: PDFDocumentProxy;
  page: number;
  current: boolean;
  /** Set by the strip's IntersectionObserver: only a thumbnail in view is drawn. */
  visible: boolean;
  onPick(page: number): void;
}

/** pdf.js ships no thumbnail viewer: one page drawn small, once, when it first scrolls into view. */
export function Thumbnail({ pdf, page, current, visible, onPick }: Props) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    if (!visible || drawn) return;
    let cancelled = false;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    void (async () => {
      const proxy = await pdf.getPage(page);
      const target = canvas.current;
      if (cancelled || !target) return;
      const base = proxy.getViewport({ scale: 1 });
      const dpr = Math.min(window.devicePixelRatio || 1, 2);
      const viewport = proxy.getViewport({ scale: (WIDTH / base.width) * dpr });
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      task = proxy.render({ canvas: target, viewport });
      try {
        await task.promise;
        if (!cancelled) setDrawn(true);
      } catch {
        // Cancelled by unmounting, or a broken page: the number still shows.
      }
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, page, visible, drawn]);

  return (
    <button
      type="button"
      className={current ? 'thumb thumb--current' : 'thumb'}
      aria-current={current ? 'page' : undefined}
      aria-label={t('reader.goToPage', { page })}
      data-testid="reader-thumbnail"
      data-page={page}
      data-drawn={drawn}
      onClick={() => onPick(page)}
    >
      <canvas ref={canvas} className="thumb__canvas" />
      <span className="thumb__number">{page}</span>
    </button>
  );
}
