import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NumberedAgendaItem } from '../../../shared/domain/index.js';
import type { DocumentInfo, Participant, VisibleTo } from '../../../shared/protocol/index.js';
import { useClient } from '../client/ClientContext.js';
import { SelectField } from '../components/SelectField.js';
import { TextField } from '../components/TextField.js';
import { checkText, useProblemText } from '../forms/field-rules.js';
import { AgendaItemSelect } from './AgendaItemSelect.js';
import { FileDropZone } from './FileDropZone.js';
import { TITLE_MAX, titleFromFileName } from './format-document.js';
import { VisibleToField } from './VisibleToField.js';
import { Icon } from '../components/Icon.js';

interface Props {
  meetingId: string;
  agenda: readonly NumberedAgendaItem[];
  participants: readonly Participant[];
  documents: readonly DocumentInfo[];
}

/**
 * The secretary adds a paper: drop it or pick it, check its title, item and readers, send.
 * Progress and the server's verdict show in the upload list below, one line per file.
 */
export function UploadForm({ meetingId, agenda, participants, documents }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [itemId, setItemId] = useState('');
  const [replaces, setReplaces] = useState('');
  const [visibleTo, setVisibleTo] = useState<VisibleTo | null>(null);
  const emptyList = visibleTo !== null && visibleTo.users.length + visibleTo.roles.length === 0;
  const problemText = useProblemText();
  const titleProblem = checkText(title, { required: true, max: TITLE_MAX });
  const ready = file !== null && !titleProblem && !emptyList;

  const choose = (picked: File) => {
    setFile(picked);
    const replaced = documents.find((d) => d.id === replaces);
    setTitle(replaced ? replaced.title : titleFromFileName(picked.name));
  };
  const reset = () => {
    setFile(null);
    setTitle('');
    setReplaces('');
  };

  return (
    <form
      className="form upload-form"
      noValidate
      data-testid="upload-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        void client.uploadDocument({
          meetingId,
          title: title.trim(),
          ...(replaces
            ? { replaces }
            : { ...(itemId ? { agendaItemId: itemId } : {}), ...(visibleTo ? { visibleTo } : {}) }),
          // The File itself: the core streams it, never reading it whole into memory.
          file: { name: file.name, size: file.size, body: file },
        });
        reset();
      }}
    >
      <FileDropZone file={file} onFile={choose} />
      {file && (
        <>
          <SelectField
            label={t('documents.replaces')}
            value={replaces}
            options={[
              { value: '', label: t('documents.replacesNone') },
              ...documents.map((d) => ({
                value: d.id,
                label: `${d.title} (${t('documents.version', { version: d.version })})`,
              })),
            ]}
            onChange={(id) => {
              setReplaces(id);
              const replaced = documents.find((d) => d.id === id);
              setTitle(replaced ? replaced.title : titleFromFileName(file.name));
            }}
            testId="upload-replaces"
          />
          <TextField
            label={t('documents.titleField')}
            value={title}
            onChange={setTitle}
            error={file ? problemText(titleProblem) : null}
            maxLength={300}
            testId="upload-title"
          />
          {!replaces && (
            <>
              <AgendaItemSelect value={itemId} agenda={agenda} onChange={setItemId} testId="upload-item" />
              <VisibleToField
                value={visibleTo}
                participants={participants}
                onChange={setVisibleTo}
                testId="upload-visible"
              />
            </>
          )}
          <div className="form__actions">
            <button type="button" className="button" onClick={reset} data-testid="upload-cancel">
              {t('common.cancel')}
            </button>
            <button type="submit" className="button button--primary" disabled={!ready} data-testid="upload-submit">
              <Icon name="upload" /> {replaces ? t('documents.uploadVersion') : t('documents.upload')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
