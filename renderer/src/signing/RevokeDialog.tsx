import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateInfo } from '../../../shared/protocol/index.js';
import { useClient } from '../client/ClientContext.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { ReasonField } from './ReasonField.js';
import { useAck } from './use-ack.js';

interface Props {
  certificate: CertificateInfo;
  onDone(revoked: CertificateInfo | null): void;
}

/** Revoking a device's certificate, with its reason: what it signed before stays valid. */
export function RevokeDialog({ certificate, onDone }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAck();

  async function revoke() {
    const revoked = await run(() => client.revokeCertificate(certificate.fingerprint, reason.trim()));
    if (revoked) onDone(revoked);
  }

  return (
    <ConfirmDialog
      open
      danger
      title={t('signing.devices.revokeTitle', { name: certificate.commonName, device: certificate.deviceName })}
      body={t('signing.devices.revokeBody')}
      confirmLabel={busy ? t('signing.devices.revoking') : t('signing.devices.revoke')}
      cancelLabel={t('confirm.dontRevoke')}
      confirmDisabled={busy || reason.trim() === ''}
      onCancel={() => onDone(null)}
      onConfirm={() => void revoke()}
    >
      <ReasonField
        label={t('signing.devices.reason')}
        hint={t('signing.devices.reasonHint')}
        value={reason}
        maxLength={500}
        onChange={setReason}
        testId="revoke-reason"
      />
      <ErrorMessage error={error} testId="revoke-error" />
    </ConfirmDialog>
  );
}
