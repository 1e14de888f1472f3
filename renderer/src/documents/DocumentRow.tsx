import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import type { NumberedAgendaItem } from '../../../shared/domain/index.js';
import type { DocumentInfo } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { useLanguage } from '../i18n/use-language.js';
import { DocumentApprovals } from '../signing/DocumentApprovals.js';
import { DocumentEditForm } from './DocumentEditForm.js';
import { formatWhen } from '../format/datetime.js';
import { Icon } from '../components/Icon.js';

interface Props {
  doc: DocumentInfo;
  /** A version came since this device last opened it. */
  updated: boolean;
  manage: boolean;
  state: MeetingState;
  agenda: readonly NumberedAgendaItem[];
  onOpen(): void;
}

/** One paper: its title opens the reader; a secretary can edit or remove it. */
export function DocumentRow({ doc, updated, manage, state, agenda, onOpen }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useCommand();
  return (
    <li
      className="doc-row"
      data-testid="document-row"
      data-document-id={doc.id}
      data-version={doc.version}
      data-updated={updated}
    >
      <div className="doc-row__main">
        <button type="button" className="doc-row__open" onClick={onOpen} data-testid="document-open">
          <span className="doc-row__icon" aria-hidden="true">
            <Icon name="file" />
          </span>
          <span className="doc-row__title" data-testid="document-title">
            {doc.title}
          </span>
        </button>
        <p className="doc-row__meta">
          <span className="badge" data-testid="document-version">
            {t('documents.version', { version: doc.version })}
          </span>
          {updated && (
            <span className="badge badge--updated" data-testid="document-updated">
              {t('documents.updated')}
            </span>
          )}
          {doc.visibleTo && (
            <span
              className="badge badge--restricted"
              data-testid="document-restricted"
              title={t('documents.restrictedHint')}
            >
              <Icon name="lock" /> {t('documents.restricted')}
            </span>
          )}
          <span data-testid="document-pages">{t('documents.pages', { count: doc.pages })}</span>
          <span data-testid="document-changed">
            {t('documents.changedBy', { who: doc.versionBy.displayName, when: formatWhen(doc.versionAt, lang) })}
          </span>
        </p>
        {doc.textlessPages.length > 0 && (
          <p className="doc-row__warning" data-testid="document-textless">
            {t('documents.textless', {
              count: doc.textlessPages.length,
              pages: doc.textlessPages.slice(0, 10).join(', '),
            })}
          </p>
        )}
        <DocumentApprovals doc={doc} state={state} />
      </div>
      {manage && (
        <div className="doc-row__actions">
          <button
            type="button"
            className="button button--quiet"
            aria-expanded={editing}
            onClick={() => setEditing((v) => !v)}
            data-testid="document-edit"
          >
            {t('documents.edit')}
          </button>
          <button
            type="button"
            className="button button--danger-quiet"
            disabled={remove.busy}
            onClick={() => setConfirming(true)}
            data-testid="document-remove"
          >
            {t('documents.remove')}
          </button>
        </div>
      )}
      <ErrorMessage error={remove.error} testId="document-remove-error" />
      {editing && <DocumentEditForm doc={doc} state={state} agenda={agenda} onDone={() => setEditing(false)} />}
      <ConfirmDialog
        open={confirming}
        title={t('documents.removeTitle', { title: doc.title })}
        body={t('documents.removeBody')}
        confirmLabel={t('documents.remove')}
        cancelLabel={t('confirm.dontDelete')}
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void remove.run('document:remove', { meetingId: doc.meetingId, documentId: doc.id });
        }}
      />
    </li>
  );
}
