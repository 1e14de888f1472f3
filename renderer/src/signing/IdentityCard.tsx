import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceIdentity } from '../../../shared/client/signing-api.js';
import { useClient } from '../client/ClientContext.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { formatWhen } from '../format/datetime.js';
import { useNow } from '../format/use-now.js';
import { useLanguage } from '../i18n/use-language.js';
import { CertificateStatusBadge } from './CertificateStatusBadge.js';
import { PinStatus } from './PinStatus.js';
import { SigningFacts } from './SigningFacts.js';
import { formatFingerprint } from './signing-format.js';

/** This device's signing identity: whose, which device, how long, which CA; and removing it. */
export function IdentityCard({ identity }: { identity: DeviceIdentity }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const client = useClient();
  const now = useNow(60_000);
  const [confirming, setConfirming] = useState(false);
  const c = identity.certificate;
  return (
    <div className="identity" data-testid="identity-card" data-fingerprint={c.fingerprint}>
      <p className="identity__name">
        <strong data-testid="identity-cn">{c.commonName}</strong> <CertificateStatusBadge certificate={c} now={now} />
        {c.outside && (
          <span className="badge badge--outside" data-testid="identity-outside">
            {t('signing.outside')}
          </span>
        )}
      </p>
      <SigningFacts
        facts={[
          { label: t('signing.identity.device'), value: c.deviceName, testId: 'identity-device' },
          { label: t('signing.identity.issuer'), value: c.issuerName },
          {
            label: t('signing.identity.valid'),
            value: `${formatWhen(c.notBefore, lang)} – ${formatWhen(c.notAfter, lang)}`,
          },
          {
            label: t('signing.caFingerprint'),
            value: formatFingerprint(identity.caFingerprint),
            testId: 'identity-ca',
            mono: true,
          },
        ]}
      />
      <PinStatus identity={identity} />
      <button
        type="button"
        className="button button--danger-quiet"
        onClick={() => setConfirming(true)}
        data-testid="identity-forget"
      >
        {t('signing.identity.forget')}
      </button>
      <ConfirmDialog
        open={confirming}
        danger
        title={t('signing.identity.forgetTitle')}
        body={t('signing.identity.forgetBody')}
        confirmLabel={t('signing.identity.forget')}
        cancelLabel={t('confirm.keep')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void client.forgetIdentity();
        }}
      />
    </div>
  );
}
