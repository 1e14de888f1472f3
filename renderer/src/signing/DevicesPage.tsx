import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateInfo, ProtocolError, User } from '../../../shared/protocol/index.js';
import { useClient, useClientState } from '../client/ClientContext.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Panel } from '../components/Panel.js';
import { useNow } from '../format/use-now.js';
import { useDirectory } from '../participants/AddParticipantForm.js';
import { CertificateRow } from './CertificateRow.js';
import { NewCodePanel } from './NewCodePanel.js';
import { SigningPageFrame } from './SigningPageFrame.js';
import { RevokeDialog } from './RevokeDialog.js';
import { ENROLL_HREF } from './use-signing-route.js';

/** Newest first; revoked ones after the rest. */
function order(list: readonly CertificateInfo[]): CertificateInfo[] {
  return [...list].sort(
    (a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.issuedAt.localeCompare(a.issuedAt),
  );
}

/** `#/devices`, for admins: every certificate the meeting CA issued, revocation, and enrolment codes. */
export function DevicesPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const client = useClient();
  const { connection } = useClientState();
  const directory = useDirectory();
  const now = useNow(60_000);
  const [certificates, setCertificates] = useState<CertificateInfo[] | null>(null);
  const [error, setError] = useState<ProtocolError | null>(null);
  const [revoking, setRevoking] = useState<CertificateInfo | null>(null);

  const load = useCallback(async () => {
    const answer = await client.listCertificates();
    if (answer.ok) {
      setCertificates(order(answer.data));
      setError(null);
    } else {
      setError(answer.error);
    }
  }, [client]);

  useEffect(() => {
    if (connection === 'online' && user.isAdmin) void load();
  }, [connection, load, user.isAdmin]);

  const names = new Map((directory.users ?? []).map((u) => [u.id, u.displayName]));
  return (
    <SigningPageFrame title={t('signing.devices.title')} testId="devices-page">
      {!user.isAdmin ? (
        <p className="notice" data-testid="devices-admin-only">
          {t('signing.devices.adminOnly')} <a href={ENROLL_HREF}>{t('signing.menu')}</a>
        </p>
      ) : (
        <>
          <NewCodePanel users={directory.users} error={directory.error} />
          <Panel
            title={t('signing.devices.list')}
            headingId="certificates-heading"
            testId="certificate-list"
            aside={
              certificates && (
                <span className="panel__meta">{t('signing.devices.count', { count: certificates.length })}</span>
              )
            }
          >
            <ErrorMessage error={error} testId="certificate-list-error" />
            {certificates === null && !error && (
              <p className="empty" role="status">
                {t('signing.devices.loading')}
              </p>
            )}
            {certificates?.length === 0 && <p className="empty">{t('signing.devices.empty')}</p>}
            {certificates && certificates.length > 0 && (
              <ul className="cert-list">
                {certificates.map((c) => (
                  <CertificateRow
                    key={c.fingerprint}
                    certificate={c}
                    owner={names.get(c.userId) ?? c.commonName}
                    now={now}
                    onRevoke={() => setRevoking(c)}
                  />
                ))}
              </ul>
            )}
          </Panel>
        </>
      )}
      {revoking && (
        <RevokeDialog
          certificate={revoking}
          onDone={(revoked) => {
            setRevoking(null);
            if (revoked) void load();
          }}
        />
      )}
    </SigningPageFrame>
  );
}
