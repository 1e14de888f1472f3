import { useTranslation } from 'react-i18next';
import { useClient, useClientState } from '../client/ClientContext.js';
import { COMMAND_LABEL_KEYS } from '../i18n/labels.js';
import { useLanguage } from '../i18n/use-language.js';
import { Notice } from './Notice.js';
import { typedText } from './typed-text.js';

/**
 * Commands the server refused after they left the form (queued offline, then replayed).
 * Those already said beside their form are dismissed there, so they never reach this list.
 */
export function RejectedNotice() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const client = useClient();
  const { rejected } = useClientState();
  if (rejected.length === 0) return null;
  return (
    <section className="notices" aria-label={t('notice.title')} data-testid="rejected-notices">
      {rejected.map((r) => (
        <Notice
          key={r.commandId}
          block="notice"
          role="alert"
          testId="rejected-notice"
          data-code={r.error.code}
          action={{
            label: t('notice.dismiss'),
            tone: 'quiet',
            testId: 'rejected-notice-dismiss',
            // Through the core, so the notice stays gone after the desktop window reloads.
            onClick: () => void client.dismissRejected(r.commandId),
          }}
        >
          <strong>{t('notice.title')}</strong>
          <span>
            {t(COMMAND_LABEL_KEYS[r.name])}: {r.error.message[lang]}
          </span>
          {typedText(r.payload).length > 0 && (
            <span className="notice__typed" data-testid="rejected-notice-typed">
              {t('notice.youTyped', { text: typedText(r.payload).join(' · ') })}
            </span>
          )}
        </Notice>
      ))}
    </section>
  );
}
