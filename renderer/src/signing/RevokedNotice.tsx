import { useTranslation } from 'react-i18next';
import { useClient, useClientState } from '../client/ClientContext.js';
import { formatWhen } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';

/** On the sign-in screen after the server revoked this device's certificate: its data is gone. */
export function RevokedNotice() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const client = useClient();
  const { revokedNotice } = useClientState();
  if (!revokedNotice) return null;
  return (
    <div className="revoked-notice" role="alert" data-testid="revoked-notice">
      <p className="revoked-notice__title">⚠ {t('signing.revoked.title')}</p>
      <p>{t('signing.revoked.body', { when: formatWhen(revokedNotice.revokedAt, lang) })}</p>
      {revokedNotice.reason && <p>{t('signing.revoked.reason', { reason: revokedNotice.reason })}</p>}
      <button
        type="button"
        className="button button--primary"
        onClick={() => void client.dismissRevokedNotice()}
        data-testid="revoked-notice-dismiss"
      >
        {t('signing.revoked.dismiss')}
      </button>
    </div>
  );
}
