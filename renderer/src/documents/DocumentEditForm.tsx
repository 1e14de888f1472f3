import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import type { NumberedAgendaItem } from '../../../shared/domain/index.js';
import type { DocumentInfo, VisibleTo } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { TextField } from '../components/TextField.js';
import { checkText, useProblemText } from '../forms/field-rules.js';
import { AgendaItemSelect } from './AgendaItemSelect.js';
import { TITLE_MAX } from './format-document.js';
import { VisibleToField } from './VisibleToField.js';

interface Props {
  doc: DocumentInfo;
  state: MeetingState;
  agenda: readonly NumberedAgendaItem[];
  onDone(): void;
}

const sameList = (a: VisibleTo | null, b: VisibleTo | null) => JSON.stringify(a) === JSON.stringify(b);

/** The secretary changes a paper's title, item or readers; only what changed is sent. */
export function DocumentEditForm({ doc, state, agenda, onDone }: Props) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [title, setTitle] = useState(doc.title);
  const [itemId, setItemId] = useState(doc.agendaItemId ?? '');
  const [visibleTo, setVisibleTo] = useState<VisibleTo | null>(doc.visibleTo);
  const { run, busy, error } = useCommand();
  const emptyList = visibleTo !== null && visibleTo.users.length + visibleTo.roles.length === 0;
  const changes = {
    ...(title.trim() !== doc.title ? { title: title.trim() } : {}),
    ...(itemId !== (doc.agendaItemId ?? '') ? { agendaItemId: itemId || null } : {}),
    ...(!sameList(visibleTo, doc.visibleTo) ? { visibleTo } : {}),
  };
  const nothing = Object.keys(changes).length === 0;
  const titleProblem = checkText(title, { required: true, max: TITLE_MAX });
  return (
    <form
      className="form doc-edit"
      noValidate
      data-testid="document-edit-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (nothing || emptyList || titleProblem) return;
        const outcome = await run('document:update', { meetingId: doc.meetingId, documentId: doc.id, ...changes });
        if (outcome !== 'failed') onDone();
      }}
    >
      <TextField
        label={t('documents.titleField')}
        value={title}
        onChange={setTitle}
        error={problemText(titleProblem)}
        maxLength={300}
        testId="document-edit-title"
      />
      <AgendaItemSelect value={itemId} agenda={agenda} onChange={setItemId} testId="document-edit-item" />
      <VisibleToField
        value={visibleTo}
        participants={state.participants}
        onChange={setVisibleTo}
        testId="document-edit-visible"
      />
      <ErrorMessage error={error} testId="document-edit-error" />
      <div className="form__actions">
        <button type="button" className="button" onClick={onDone} data-testid="document-edit-cancel">
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || nothing || emptyList || titleProblem !== null}
          data-testid="document-edit-save"
        >
          {busy ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
