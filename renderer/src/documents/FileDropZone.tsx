import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/use-language.js';
import { formatBytes } from './format-document.js';
import { Icon } from '../components/Icon.js';

interface Props {
  file: File | null;
  onFile(file: File): void;
}

/**
 * Drop a PDF here, or touch the big button to pick one (tablets have no drag and drop). The
 * input itself is hidden: the label is the touch target.
 */
export function FileDropZone({ file, onFile }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [over, setOver] = useState(false);
  return (
    <div
      className={over ? 'dropzone dropzone--over' : 'dropzone'}
      data-testid="upload-dropzone"
      onDragEnter={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const dropped = e.dataTransfer.files[0];
        if (dropped) onFile(dropped);
      }}
    >
      <p className="dropzone__hint">{t('documents.dropHint')}</p>
      <label className="button button--primary dropzone__pick">
        <Icon name="folder" /> {t('documents.pick')}
        <input
          type="file"
          accept="application/pdf,.pdf"
          hidden
          data-testid="upload-file"
          onChange={(e) => {
            const picked = e.target.files?.[0];
            if (picked) onFile(picked);
            // The same file picked again still fires a change.
            e.target.value = '';
          }}
        />
      </label>
      {file && (
        <p className="dropzone__file" data-testid="upload-file-name">
          {file.name} · {formatBytes(file.size, lang)}
        </p>
      )}
    </div>
  );
}
