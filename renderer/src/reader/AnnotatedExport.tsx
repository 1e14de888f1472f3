import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtocolError } from '../../../shared/protocol/index.js';
import { useClient } from '../client/ClientContext.js';
import { CheckboxField } from '../components/CheckboxField.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { useLanguage } from '../i18n/use-language.js';
import { download } from '../signing/signing-format.js';

interface Props {
  open: boolean;
  documentId: string;
  version: number;
  onClose(): void;
  /** The file was saved; `unsignedCopy`: it no longer carries the original's signatures. */
  onSaved(unsignedCopy: boolean): void;
}

/** "Export PDF with notes": the server writes the annotations into the file, the browser saves it. */
export function AnnotatedExport({ open, documentId, version, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const language = useLanguage();
  const [withShared, setWithShared] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ProtocolError | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const ack = await client.exportAnnotated({ documentId, version, withShared, language });
      if (!ack.ok) return setError(ack.error);
      download(ack.data.fileName, ack.data.bytes as Uint8Array<ArrayBuffer>, 'application/pdf');
      onSaved(ack.data.unsignedCopy);
      onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      open={open}
      title={t('annotations.export.title')}
      body={t('annotations.export.body')}
      confirmLabel={busy ? t('annotations.export.busy') : t('annotations.export.confirm')}
      confirmDisabled={busy}
      onConfirm={() => void run()}
      onCancel={() => {
        if (!busy) onClose();
      }}
    >
      <CheckboxField
        label={t('annotations.export.withShared')}
        checked={withShared}
        onChange={setWithShared}
        testId="annotation-export-shared"
      />
      {busy && (
        <p className="annotate__busy" role="status" data-testid="annotation-export-busy">
          {t('annotations.export.busy')}
        </p>
      )}
      <ErrorMessage error={error} testId="annotation-export-error" />
    </ConfirmDialog>
  );
}
