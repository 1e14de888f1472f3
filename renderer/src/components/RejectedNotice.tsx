import { useTranslation } from 'react-i18next';
import { useClientState } from '../client/ClientContext.js';
import { useNotices } from '../client/notices.js';
import { COMMAND_LABEL_KEYS } from '../i18n/labels.js';
import { useLanguage } from '../i18n/use-language.js';

/** Commands the server refused after they left the form (queued offline, then replayed). */
export function RejectedNotice() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { rejected } = useClientState();
  const { handled, markHandled } = useNotices();
  const shown = rejected.filter((r) => !handled.has(r.commandId));
  if (shown.length === 0) return null;
  return (
    <section className="notices" aria-label={t('notice.title')} data-testid="rejected-notices">
      {shown.map((r) => (
        <div key={r.commandId} className="notice" role="alert" data-testid="rejected-notice" data-code={r.error.code}>
          <div className="notice__text">
            <strong>{t('notice.title')}</strong>
            <span>
              {t(COMMAND_LABEL_KEYS[r.name])}: {r.error.message[lang]}
            </span>
          </div>
          <button
            type="button"
            className="button button--quiet"
            data-testid="rejected-notice-dismiss"
            onClick={() => markHandled(r.commandId)}
          >
            {t('notice.dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}
