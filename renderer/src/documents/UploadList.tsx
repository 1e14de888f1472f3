import { useTranslation } from 'react-i18next';
import { useClientState } from '../client/ClientContext.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Icon } from '../components/Icon.js';

/** Each upload of this session: a bar while sending, "checking" while the server reads the PDF, then the verdict. */
export function UploadList({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const uploads = useClientState().uploads.filter((u) => u.meetingId === meetingId);
  if (uploads.length === 0) return null;
  return (
    <ul className="uploads" data-testid="upload-list">
      {[...uploads].reverse().map((u) => {
        const percent = u.total > 0 ? Math.round((u.loaded / u.total) * 100) : 0;
        return (
          <li key={u.uploadId} className="upload" data-testid="upload-item" data-phase={u.phase} data-percent={percent}>
            <span className="upload__title">{u.title}</span>
            {u.phase === 'sending' && (
              <>
                <progress className="upload__bar" max={100} value={percent} data-testid="upload-progress" />
                <span>{t('documents.sending', { percent })}</span>
              </>
            )}
            {u.phase === 'checking' && (
              <>
                <progress className="upload__bar" data-testid="upload-progress" />
                <span>{t('documents.checking')}</span>
              </>
            )}
            {u.phase === 'done' && (
              <span className="upload__done" data-testid="upload-done">
                <Icon name="check" />{' '}
                {t('documents.uploaded', { version: u.document?.version ?? 1, count: u.document?.pages ?? 0 })}
                {u.document &&
                  u.document.textlessPages.length > 0 &&
                  ` · ${t('documents.textlessShort', { count: u.document.textlessPages.length })}`}
              </span>
            )}
            {u.phase === 'failed' && <ErrorMessage error={u.error ?? null} testId="upload-error" />}
          </li>
        );
      })}
    </ul>
  );
}
