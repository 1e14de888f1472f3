import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeldAnnotation } from '../../../shared/client/api.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';

interface Props {
  /** Annotations of the version on screen: the user's own and others' shared ones. */
  marks: readonly HeldAnnotation[];
  /** The user's own annotations of other versions not carried over yet: they can be. */
  elsewhere: readonly HeldAnnotation[];
  userId: string | null;
  onGo(page: number): void;
  onCarry(mark: HeldAnnotation): void;
  onShare(mark: HeldAnnotation, shared: boolean): void;
  onDelete(mark: HeldAnnotation): void;
  onClose(): void;
}

const byPlace = (a: HeldAnnotation, b: HeldAnnotation) => a.page - b.page || a.createdAt.localeCompare(b.createdAt);

/** The list of annotations beside the page: a tap goes to its page. */
export function NotesPanel({ marks, elsewhere, userId, onGo, onCarry, onShare, onDelete, onClose }: Props) {
  const { t } = useTranslation();
  const [deleting, setDeleting] = useState<HeldAnnotation | null>(null);
  return (
    <aside className="notes" aria-label={t('annotations.notes')} data-testid="notes-panel">
      <div className="notes__head">
        <h3 className="notes__title">{t('annotations.notes')}</h3>
        <button type="button" className="button button--quiet" onClick={onClose} data-testid="notes-close">
          {t('reader.close')}
        </button>
      </div>
      {marks.length === 0 && <p className="notes__empty">{t('annotations.none')}</p>}
      <ul className="notes__list">
        {[...marks].sort(byPlace).map((mark) => {
          const own = mark.author.id === userId;
          return (
            <li key={mark.id} className="notes__entry">
              <button
                type="button"
                className="notes__item"
                onClick={() => onGo(mark.page)}
                data-testid="notes-item"
                data-annotation-id={mark.id}
              >
                <MarkLine mark={mark} own={own} />
              </button>
              {own && (
                <button
                  type="button"
                  className="button button--small"
                  aria-pressed={mark.shared}
                  onClick={() => onShare(mark, !mark.shared)}
                  data-testid="notes-share"
                >
                  {t(mark.shared ? 'annotations.withdraw' : 'annotations.share')}
                </button>
              )}
              {own && (
                <button
                  type="button"
                  className="button button--small button--quiet"
                  onClick={() => setDeleting(mark)}
                  data-testid="notes-delete"
                >
                  {t('annotations.deleteOne')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {elsewhere.length > 0 && (
        <>
          <h4 className="notes__subtitle">{t('annotations.otherVersions')}</h4>
          <ul className="notes__list">
            {[...elsewhere]
              .sort((a, b) => a.version - b.version || byPlace(a, b))
              .map((mark) => (
                <li key={mark.id} className="notes__elsewhere" data-testid="notes-elsewhere">
                  <MarkLine mark={mark} own showVersion />
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => onCarry(mark)}
                    data-testid="notes-carry"
                  >
                    {t('annotations.carry')}
                  </button>
                </li>
              ))}
          </ul>
        </>
      )}
      {/* Rendered only while asked: the reader holds other dialogs, closed ones stay in the page. */}
      {deleting && (
        <ConfirmDialog
          open
          title={t('annotations.deleteTitle')}
          body={t('annotations.deleteBody')}
          confirmLabel={t('annotations.deleteOne')}
          cancelLabel={t('confirm.dontDelete')}
          danger
          onConfirm={() => {
            onDelete(deleting);
            setDeleting(null);
          }}
          onCancel={() => setDeleting(null)}
        />
      )}
    </aside>
  );
}

function MarkLine({ mark, own, showVersion }: { mark: HeldAnnotation; own: boolean; showVersion?: boolean }) {
  const { t } = useTranslation();
  const words = mark.text || mark.quote;
  return (
    <span className="notes__line">
      <span className="notes__meta">
        <span className="notes__swatch" style={{ background: mark.color }} aria-hidden="true" />
        {t(`annotations.kind.${mark.kind}`)} · {t('annotations.page', { page: mark.page })}
        {showVersion && ` · ${t('annotations.onVersion', { version: mark.version })}`}
        {!own && ` · ${mark.author.displayName}`}
        {own && mark.shared && ` · ${t('annotations.shared')}`}
        {mark.pending && (
          <span className="notes__pending" data-testid="notes-pending">
            {t('annotations.pending')}
          </span>
        )}
      </span>
      {words && <span className="notes__text">{words}</span>}
    </span>
  );
}
