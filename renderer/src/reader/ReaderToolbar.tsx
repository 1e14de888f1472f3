import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon.js';
import { PageField } from './PageField.js';
import { useMedia } from '../components/use-media.js';
import type { ViewerState } from './use-pdf-viewer.js';

/** Below this width the reader's less used tools fold into its "⋯" menu (reader.css agrees). */
export const READER_FOLD = '(max-width: 900px)';

interface Props {
  title: string;
  state: ViewerState;
  thumbs: boolean;
  finding: boolean;
  /** The annotation bar is shown. */
  annotating: boolean;
  zoomStep: number;
  onGo(page: number): void;
  onStep(delta: 1 | -1): void;
  onZoom(factor: number): void;
  onFit(): void;
  onThumbs(): void;
  onFind(): void;
  onAnnotate(): void;
  onClose(): void;
  versions: ReactNode;
  /** The notes list, comparison and export: inline on a wide screen, in the menu on a narrow one. */
  extras: ReactNode;
  presenter?: ReactNode;
  /** A note that is not a tool (how to enrol a signature): always inside the menu. */
  note?: ReactNode;
}

/**
 * The reader's tools in one row. Close, the page, find and the annotation bar's switch stay
 * in the row; on a screen narrower than READER_FOLD the rest folds into a "⋯" menu, so the
 * page keeps the screen (on a phone six rows of tools had covered half of it).
 */
export function ReaderToolbar(props: Props) {
  const { t } = useTranslation();
  const { state, zoomStep } = props;
  const ready = state.status === 'ready';
  const folded = useMedia(READER_FOLD);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const moreRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!menuOpen) return;
    // A touch elsewhere closes the menu, as the header's does.
    const onPointer = (e: PointerEvent) => {
      if (!moreRef.current?.contains(e.target as Node)) setMenuOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [menuOpen]);

  const tools = (
    <>
      {props.versions}
      <div className="reader__group">
        <button
          type="button"
          className="button"
          disabled={!ready}
          onClick={() => props.onZoom(1 / zoomStep)}
          aria-label={t('reader.zoomOut')}
          data-testid="reader-zoom-out"
        >
          <Icon name="minus" />
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
          <Icon name="plus" />
        </button>
        <button type="button" className="button" disabled={!ready} onClick={props.onFit} data-testid="reader-fit-width">
          {t('reader.fitWidth')}
        </button>
      </div>
      <button
        type="button"
        className="button"
        aria-pressed={props.thumbs}
        onClick={props.onThumbs}
        data-testid="reader-thumbs-toggle"
      >
        {t('reader.thumbnails')}
      </button>
      {props.extras}
      {props.presenter}
    </>
  );

  return (
    <div className="reader__toolbar" role="toolbar" aria-label={t('reader.tools')}>
      <button
        type="button"
        className="button reader__close"
        onClick={props.onClose}
        aria-label={t('reader.close')}
        data-testid="reader-close"
      >
        <Icon name="close" /> <span className="reader__label">{t('reader.close')}</span>
      </button>
      <h2 className="reader__title" data-testid="reader-title">
        {props.title}
      </h2>
      <div className="reader__group reader__pages">
        <button
          type="button"
          className="button reader__step"
          disabled={!ready || state.page <= 1}
          onClick={() => props.onStep(-1)}
          aria-label={t('reader.prev')}
          data-testid="reader-prev"
        >
          <Icon name="chevronLeft" />
        </button>
        <PageField page={state.page} pages={state.pages} onGo={props.onGo} />
        <button
          type="button"
          className="button reader__step"
          disabled={!ready || state.page >= state.pages}
          onClick={() => props.onStep(1)}
          aria-label={t('reader.next')}
          data-testid="reader-next"
        >
          <Icon name="chevronRight" />
        </button>
      </div>
      <button
        type="button"
        className="button"
        aria-pressed={props.finding}
        onClick={props.onFind}
        aria-label={t('reader.find')}
        data-testid="reader-find-toggle"
      >
        <Icon name="search" /> <span className="reader__label">{t('reader.find')}</span>
      </button>
      <button
        type="button"
        className="button"
        aria-pressed={props.annotating}
        onClick={props.onAnnotate}
        aria-label={t('reader.annotate')}
        data-testid="reader-annotate-toggle"
      >
        <Icon name="pen" /> <span className="reader__label">{t('reader.annotate')}</span>
      </button>
      {!folded && tools}
      <div
        ref={moreRef}
        className="reader__more"
        onKeyDown={(e) => {
          // Escape closes the menu, not the reader behind it.
          if (e.key !== 'Escape' || !menuOpen) return;
          e.stopPropagation();
          setMenuOpen(false);
          buttonRef.current?.focus();
        }}
      >
        <button
          ref={buttonRef}
          type="button"
          className="button reader__more-button"
          aria-expanded={menuOpen}
          aria-controls={menuId}
          aria-label={t('reader.more')}
          onClick={() => setMenuOpen((v) => !v)}
          data-testid="reader-more-button"
        >
          <Icon name="more" />
        </button>
        <div
          id={menuId}
          className="reader__more-panel"
          hidden={!menuOpen}
          data-testid="reader-more"
          onClick={(e) => {
            // A tool chosen closes the menu; the version list stays open while it is used.
            if ((e.target as HTMLElement).closest('button, a')) setMenuOpen(false);
          }}
        >
          {/* On a phone the row has no room for the paper's name: the menu says which is open (screen readers have the heading). */}
          {folded && (
            <p className="reader__more-title" aria-hidden="true" data-testid="reader-more-title">
              {props.title}
            </p>
          )}
          {folded && tools}
          {props.note}
        </div>
      </div>
    </div>
  );
}
