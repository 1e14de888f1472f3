import { useTranslation } from 'react-i18next';
import { useClientState } from '../client/ClientContext.js';
import { useLanguage } from '../i18n/use-language.js';
import { formatBytes } from './format-document.js';
import { Icon } from '../components/Icon.js';

/** "12/30 tài liệu, 48 MB": how much of the meeting's papers this device holds. */
export function DocumentProgressLine({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const progress = useClientState().documentProgress[meetingId];
  if (!progress || progress.total === 0) return null;
  const done = progress.cached >= progress.total;
  return (
    <div
      className="doc-progress"
      data-testid="documents-progress"
      data-cached={progress.cached}
      data-total={progress.total}
      data-active={progress.active}
    >
      <progress className="doc-progress__bar" max={progress.total} value={progress.cached} aria-hidden="true" />
      <span>
        {t('documents.progress', {
          cached: progress.cached,
          total: progress.total,
          size: formatBytes(progress.bytesCached, lang),
        })}
        {done ? (
          <>
            {' '}
            <Icon name="check" /> {t('documents.onDevice')}
          </>
        ) : progress.active ? (
          ` · ${t('documents.downloading')}`
        ) : (
          ''
        )}
        {progress.failed > 0 && ` · ${t('documents.failed', { count: progress.failed })}`}
      </span>
    </div>
  );
}
