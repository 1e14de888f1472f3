import { useTranslation } from 'react-i18next';
import type { Approval } from '../../../shared/protocol/index.js';
import { formatWhen } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';
import { Icon } from '../components/Icon.js';

/** One signed decision: who, approve or reject (and why), how it was checked, on which device, when. */
export function ApprovalItem({ approval: a, showVersion = false }: { approval: Approval; showVersion?: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const revoked = a.verification === 'revoked-later';
  return (
    <li
      className="approval"
      data-testid="approval-item"
      data-signer-id={a.signer.id}
      data-decision={a.decision}
      data-verification={a.verification}
      data-version={a.version}
    >
      <p className="approval__head">
        <span className={`approval__decision approval__decision--${a.decision}`} data-testid="approval-decision">
          <Icon name={a.decision === 'approve' ? 'check' : 'cross'} />{' '}
          {a.decision === 'approve' ? t('signing.approve.approve') : t('signing.approve.reject')}
        </span>
        <strong className="approval__signer" data-testid="approval-signer">
          {a.signer.displayName}
        </strong>
        {showVersion && <span className="badge">{t('documents.version', { version: a.version })}</span>}
        <span
          className={revoked ? 'badge badge--revoked-later' : 'badge badge--verified'}
          data-testid="approval-verification"
          title={revoked && a.revokedAt ? formatWhen(a.revokedAt, lang) : undefined}
        >
          <Icon name={revoked ? 'warning' : 'check'} />{' '}
          {revoked ? t('signing.approvals.revokedLater') : t('signing.approvals.verified')}
        </span>
      </p>
      {a.reason && (
        <p className="approval__reason" data-testid="approval-reason">
          {t('signing.approvals.reason', { reason: a.reason })}
        </p>
      )}
      <p className="approval__meta">
        {t('signing.approvals.meta', {
          cn: a.certificate.commonName,
          device: a.certificate.deviceName,
          when: formatWhen(a.signedAt, lang),
        })}
        {a.certificate.outside && <span className="badge badge--outside">{t('signing.outside')}</span>}
      </p>
    </li>
  );
}
