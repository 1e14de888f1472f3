import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MinutesFormat } from '../../../shared/client/api.js';
import type { ProtocolError } from '../../../shared/protocol/index.js';
import { useClient } from '../client/ClientContext.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { formatBytes } from '../documents/format-document.js';
import { useLanguage } from '../i18n/use-language.js';
import { download } from '../signing/signing-format.js';

const TYPES: Record<MinutesFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * "Tải PDF", "Tải Word": the server renders the saved draft (or the pre-fill), the browser
 * saves the file. Unsaved edits are not in it: the page says so beside the buttons.
 */
export function MinutesExports({ meetingId, dirty }: { meetingId: string; dirty: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const lang = useLanguage();
  const [busy, setBusy] = useState<MinutesFormat | null>(null);
  const [done, setDone] = useState<{ fileName: string; size: number } | null>(null);
  const [error, setError] = useState<ProtocolError | null>(null);

  const run = async (format: MinutesFormat) => {
    setBusy(format);
    setError(null);
    setDone(null);
    try {
      const ack = await client.exportMinutes(meetingId, format);
      if (!ack.ok) return setError(ack.error);
      download(ack.data.fileName, ack.data.bytes as Uint8Array<ArrayBuffer>, TYPES[format]);
      setDone({ fileName: ack.data.fileName, size: ack.data.bytes.byteLength });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="minutes-exports" data-testid="minutes-exports">
      <div className="button-row">
        {(['pdf', 'docx'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            disabled={busy !== null}
            aria-busy={busy === format}
            onClick={() => void run(format)}
            data-testid={`minutes-export-${format}`}
          >
            {busy === format && <span className="minutes-spinner" aria-hidden="true" />}
            {t(`minutes.export.${format}`)}
          </button>
        ))}
      </div>
      {busy && (
        <p className="field__hint" role="status" data-testid="minutes-export-busy">
          {t('minutes.export.busy')}
        </p>
      )}
      {done && (
        <p className="field__hint" role="status" data-testid="minutes-export-done">
          {t('minutes.export.done', { name: done.fileName, size: formatBytes(done.size, lang) })}
        </p>
      )}
      {dirty && <p className="field__hint">{t('minutes.export.unsaved')}</p>}
      <ErrorMessage error={error} testId="minutes-export-error" />
    </div>
  );
}
