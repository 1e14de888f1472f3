import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageField } from './PageField.js';
import type { ViewerState } from './use-pdf-viewer.js';

interface Props {
  title: string;
  state: ViewerState;
  thumbs: boolean;
  finding: boolean;
  zoomStep: number;
  onGo(page: number): void;
  onStep(delta: 1 | -1): void;
  onZoom(factor: number): void;
  onFit(): void;
  onThumbs(): void;
  onFind(): void;
  onClose(): void;
  versions: ReactNode;
  presenter?: ReactNode;
}

/** The reader's tools; it wraps to two rows on a phone. */
export function ReaderToolbar(props: Props) {
  const { t } = useTranslation();
  const { state, zoomStep } = props;
  const ready = state.status === 'ready';
  return (
    <div className="reader__toolbar" role="toolbar" aria-label={t('reader.tools')}>
      <button type="button" className="button" onClick={props.onClose} data-testid="reader-close">
        ← {t('reader.close')}
      </button>
      <h2 className="reader__title" data-testid="reader-title">
        {props.title}
      </h2>
      {props.versions}
      <div className="reader__group">
        <button
          type="button"
          className="button"
          disabled={!ready || state.page <= 1}
          onClick={() => props.onStep(-1)}
          aria-label={t('reader.prev')}
          data-testid="reader-prev"
        >
          ‹
        </button>
        <PageField page={state.page} pages={state.pages} onGo={props.onGo} />
        <button
          type="button"
          className="button"
          disabled={!ready || state.page >= state.pages}
          onClick={() => props.onStep(1)}
          aria-label={t('reader.next')}
          data-testid="reader-next"
        >
          ›
        </button>
      </div>
      <div className="reader__group">
        <button
          type="button"
          className="button"
          disabled={!ready}
          onClick={() => props.onZoom(1 / zoomStep)}
          aria-label={t('reader.zoomOut')}
          data-testid="reader-zoom-out"
        >
          −
        </button>
        <span className="reader__scale" data-testid="reader-scale">
          {Math.round(state.scale * 100)}%
        </span>
        <button
          type="button"
          className="button"
          disabled={!ready}
          onClick={() => props.onZoom(zoomStep)}
          aria-label={t('reader.zoomIn')}
          data-testid="reader-zoom-in"
        >
          +
        </button>
        <button type="button" className="button" disabled={!ready} onClick={props.onFit} data-testid="reader-fit-width">
          {t('reader.fitWidth')}
        </button>
      </div>
      <div className="reader__group">
        <button
          type="button"
          className="button"
          aria-pressed={props.thumbs}
          onClick={props.onThumbs}
          data-testid="reader-thumbs-toggle"
        >
          {t('reader.thumbnails')}
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={props.finding}
          onClick={props.onFind}
          data-testid="reader-find-toggle"
        >
          {t('reader.find')}
        </button>
      </div>
      {props.presenter}
    </div>
  );
}
