import { useTranslation } from 'react-i18next';
import type { CertificateInfo } from '../../../shared/protocol/index.js';
import { formatWhen } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';
import { CertificateStatusBadge } from './CertificateStatusBadge.js';

interface Props {
  certificate: CertificateInfo;
  /** Whose it is, from the directory (the certificate's own name when unknown). */
  owner: string;
  now: Date;
  onRevoke(): void;
}

/** One issued certificate in the admin's list. */
export function CertificateRow({ certificate: c, owner, now, onRevoke }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <li className="cert-row" data-testid="certificate-row" data-fingerprint={c.fingerprint} data-user-id={c.userId}>
      <div className="cert-row__main">
        <p className="cert-row__who">
          <strong>{owner}</strong> · <span data-testid="certificate-device">{c.deviceName}</span>
          {c.outside && <span className="badge badge--outside">{t('signing.outside')}</span>}
        </p>
        <p className="cert-row__meta">
          <span>{t('signing.devices.issued', { when: formatWhen(c.issuedAt, lang) })}</span>
          <span>{t('signing.devices.expires', { when: formatWhen(c.notAfter, lang) })}</span>
          <CertificateStatusBadge certificate={c} now={now} />
        </p>
        {c.revokedAt && (
          <p className="cert-row__revoked" data-testid="certificate-revoked">
            {t('signing.devices.revokedAt', { when: formatWhen(c.revokedAt, lang), reason: c.revocationReason ?? '—' })}
          </p>
        )}
      </div>
      {!c.revokedAt && (
        <button
          type="button"
          className="button button--danger-quiet"
          onClick={onRevoke}
          data-testid="certificate-revoke"
        >
          {t('signing.devices.revoke')}
        </button>
      )}
    </li>
  );
}
