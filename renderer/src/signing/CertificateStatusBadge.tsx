import { useTranslation } from 'react-i18next';
import type { CertificateInfo } from '../../../shared/protocol/index.js';
import { certificateStatus } from './certificate-status.js';

export function CertificateStatusBadge({ certificate, now }: { certificate: CertificateInfo; now: Date }) {
  const { t } = useTranslation();
  const status = certificateStatus(certificate, now);
  return (
    <span className={`badge cert-status cert-status--${status}`} data-testid="certificate-status" data-status={status}>
      {t(`signing.status.${status}`)}
    </span>
  );
}
