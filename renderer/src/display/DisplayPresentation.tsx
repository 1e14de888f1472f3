import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Presentation } from '../../../shared/protocol/index.js';
import { useClient } from '../client/ClientContext.js';
import { loadDocument, MAX_CANVAS_PIXELS, type PDFDocumentProxy } from '../reader/pdfjs.js';

/**
 * The page the presenter shows, as large as the projector allows. The document stays open
 * while the presenter turns its pages; only another document (or version) opens anew.
 */
export function DisplayPresentation({
  presentation,
  title,
}: {
  presentation: Presentation;
  title: string | undefined;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  const [drawn, setDrawn] = useState<number | null>(null);
  const { documentId, version, page } = presentation;

  useEffect(() => {
    let cancelled = false;
    let task: ReturnType<typeof loadDocument> | null = null;
    setPdf(null);
    setFailed(false);
    void (async () => {
      const ack = await client.openDocument(documentId, version);
      if (cancelled) return;
      if (!ack.ok) return setFailed(true);
      task = loadDocument(ack.data, client);
      try {
        const doc = await task.promise;
        if (!cancelled) setPdf(doc);
      } catch {
        if (!cancelled) setFailed(true);
      }
    })();
    return () => {
      cancelled = true;
      void task?.destroy();
    };
  }, [client, documentId, version]);

  useEffect(() => {
    const target = canvas.current;
    const box = frame.current;
    if (!pdf || !target || !box) return;
    let cancelled = false;
    let render: { cancel(): void; promise: Promise<void> } | null = null;
    void (async () => {
      const proxy = await pdf.getPage(Math.min(page, pdf.numPages));
      if (cancelled) return;
      const base = proxy.getViewport({ scale: 1 });
      const fit = Math.min(box.clientWidth / base.width, box.clientHeight / base.height);
      const dpr = window.devicePixelRatio || 1;
      // The projector's resolution, but never past the canvas budget a small PC can hold.
      const budget = Math.sqrt(MAX_CANVAS_PIXELS / (base.width * base.height));
      const viewport = proxy.getViewport({ scale: Math.min(fit * dpr, budget) });
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      target.style.width = `${Math.floor(base.width * fit)}px`;
      target.style.height = `${Math.floor(base.height * fit)}px`;
      render = proxy.render({ canvas: target, viewport });
      try {
        await render.promise;
        if (!cancelled) setDrawn(page);
      } catch {
        // Replaced by the next page before it finished.
      }
    })();
    return () => {
      cancelled = true;
      render?.cancel();
    };
  }, [pdf, page]);

  return (
    <section
      className="display-card display-presentation"
      data-testid="display-presentation"
      data-document-id={documentId}
      data-page={page}
      data-drawn-page={drawn ?? ''}
    >
      <p className="display-label display-card__eyebrow">
        {title ?? t('presenter.presenting')} · {t('documents.page', { page })}
      </p>
      <div ref={frame} className="display-presentation__frame">
        {failed ? <p className="display-card__note">{t('reader.unreadable')}</p> : <canvas ref={canvas} />}
      </div>
    </section>
  );
}
