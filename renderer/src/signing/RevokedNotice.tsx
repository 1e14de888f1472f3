import { useTranslation } from 'react-i18next';
import { useClient, useClientState } from '../client/ClientContext.js';
import { formatWhen } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';
import { Icon } from '../components/Icon.js';

/** On the sign-in screen after the server revoked this device or its certificate: its data is gone. */
export function RevokedNotice() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const client = useClient();
  const { revokedNotice } = useClientState();
  if (!revokedNotice) return null;
  // A revoked device (by an admin, issue 13) or only its certificate (signing).
  const keys = revokedNotice.scope === 'device' ? 'devices.notice' : 'signing.revoked';
  return (
    <div className="revoked-notice" role="alert" data-testid="revoked-notice" data-scope={revokedNotice.scope ?? ''}>
      <p className="revoked-notice__title">
        <Icon name="warning" /> {t(`${keys}.title`)}
      </p>
      <p>{t(`${keys}.body`, { when: formatWhen(revokedNotice.revokedAt, lang) })}</p>
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
