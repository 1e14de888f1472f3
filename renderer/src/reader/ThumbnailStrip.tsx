import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from './pdfjs.js';
import { Thumbnail } from './Thumbnail.js';

interface Props {
  pdf: PDFDocumentProxy;
  page: number;
  onPick(page: number): void;
}

/** A column of page thumbnails; each is drawn when it scrolls into view (a 300-page paper stays light). */
export function ThumbnailStrip({ pdf, page, onPick }: Props) {
  const { t } = useTranslation();
  const list = useRef<HTMLOListElement>(null);
  const [seen, setSeen] = useState<ReadonlySet<number>>(() => new Set());

  useEffect(() => {
    const root = list.current;
    if (!root) return;
    const observer = new IntersectionObserver(
      (entries) => {
        const shown = entries
          .filter((e) => e.isIntersecting)
          .map((e) => Number((e.target as HTMLElement).dataset.page));
        if (shown.length > 0) setSeen((old) => new Set([...old, ...shown]));
      },
      // A screenful ahead, so scrolling shows drawn pages.
      { root, rootMargin: '400px 0px' },
    );
    for (const item of root.querySelectorAll('[data-page]')) observer.observe(item);
    return () => observer.disconnect();
  }, [pdf]);

  // The current page stays in view in the strip as the reader moves.
  useEffect(() => {
    list.current?.querySelector(`[data-page="${page}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [page]);

  return (
    <ol ref={list} className="thumbs" aria-label={t('reader.thumbnails')} data-testid="reader-thumbnails">
      {Array.from({ length: pdf.numPages }, (_, i) => i + 1).map((n) => (
        <li key={n} data-page={n}>
          <Thumbnail pdf={pdf} page={n} current={n === page} visible={seen.has(n)} onPick={onPick} />
        </li>
      ))}
    </ol>
  );
}
