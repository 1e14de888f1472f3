import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeldAnnotation } from '../../../shared/client/api.js';
import { useClient, useClientState } from '../client/ClientContext.js';
import { usePdfViewer } from './use-pdf-viewer.js';
import { Icon } from '../components/Icon.js';

interface Props {
  documentId: string;
  /** The document's current version (opened without a version number). */
  current: number;
  /** The two versions, left then right. */
  versions: readonly [number, number];
  onClose(): void;
}

const NONE: readonly HeldAnnotation[] = [];

/**
 * Two versions of a paper side by side, on the same page, each with its annotations drawn
 * over it (read-only: editing stays in the reader, on one version at a time).
 */
export function VersionCompare({ documentId, current, versions, onClose }: Props) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pages, setPages] = useState<Record<number, number>>({});
  const last = Math.max(1, ...Object.values(pages));
  const reportPages = useCallback(
    (version: number, count: number) => setPages((p) => ({ ...p, [version]: count })),
    [],
  );
  return (
    <div className="compare" role="region" aria-label={t('annotations.compare')} data-testid="version-compare">
      <div className="compare__bar">
        <button type="button" className="button" onClick={onClose} data-testid="compare-close">
          {t('reader.close')}
        </button>
        <div className="reader__group">
          <button
            type="button"
            className="button"
            disabled={page <= 1}
            onClick={() => setPage(page - 1)}
            aria-label={t('reader.prev')}
            data-testid="compare-prev"
          >
            <Icon name="chevronLeft" />
          </button>
          <span data-testid="compare-page">{t('annotations.page', { page })}</span>
          <button
            type="button"
            className="button"
            disabled={page >= last}
            onClick={() => setPage(page + 1)}
            aria-label={t('reader.next')}
            data-testid="compare-next"
          >
            <Icon name="chevronRight" />
          </button>
        </div>
      </div>
      <div className="compare__panes">
        {versions.map((version) => (
          <ComparePane
            key={version}
            documentId={documentId}
            version={version}
            current={current}
            page={page}
            onPages={reportPages}
          />
        ))}
      </div>
    </div>
  );
}

interface PaneProps {
  documentId: string;
  version: number;
  current: number;
  page: number;
  onPages(version: number, pages: number): void;
}

function ComparePane({ documentId, version, current, page, onPages }: PaneProps) {
  const { t } = useTranslation();
  const client = useClient();
  const all = useClientState().annotations[documentId] ?? NONE;
  const container = useRef<HTMLDivElement>(null);
  const viewerDiv = useRef<HTMLDivElement>(null);
  const open = useCallback(
    () => client.openDocument(documentId, version === current ? undefined : version),
    [client, documentId, version, current],
  );
  const viewer = usePdfViewer(container, viewerDiv, `${documentId}@${version}`, open, client);
  const { goTo, state } = viewer;
  const shared = viewer.marks?.shared;

  useEffect(() => goTo(page), [goTo, page]);
  useEffect(() => {
    if (state.pages > 0) onPages(version, state.pages);
  }, [onPages, version, state.pages]);
  useEffect(() => shared?.set(all.filter((a) => a.version === version)), [shared, all, version]);

  return (
    <section className="compare__pane" data-testid="compare-pane" data-version={version} data-status={state.status}>
      <h3 className="compare__title">
        {t(version === current ? 'reader.versionCurrent' : 'annotations.onVersion', { version })}
      </h3>
      <div className="reader__stage">
        <div ref={container} className="reader__viewport">
          <div ref={viewerDiv} className="pdfViewer" />
        </div>
      </div>
    </section>
  );
}
