import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/protocol/index.js';
import { useClientState } from '../client/ClientContext.js';
import { Panel } from '../components/Panel.js';
import { EnrollForm } from './EnrollForm.js';
import { IdentityCard } from './IdentityCard.js';
import { ImportIdentityForm } from './ImportIdentityForm.js';
import { SigningPageFrame } from './SigningPageFrame.js';
import { enrollParams } from './signing-format.js';
import { useAutoTrust } from './use-auto-trust.js';
import { ENROLL_HREF, useHash } from './use-signing-route.js';

/**
 * `#/enroll` (also the QR's `#/enroll?code=…&ca=…`): this device's signing identity, or the
 * forms that make one, by enrolment code or from an outside certificate.
 */
export function EnrollPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const { identity } = useClientState();
  const { code, ca } = enrollParams(useHash());
  const [done, setDone] = useState(false);
  // On the desktop, the link's CA fingerprint also pins the server's CA if none is pinned yet.
  useAutoTrust(ca);
  const finished = () => {
    setDone(true);
    // The code is used: it leaves the address bar (and the history's next entry).
    window.history.replaceState(null, '', ENROLL_HREF);
  };
  return (
    <SigningPageFrame title={t('signing.enroll.title')} testId="enroll-page">
      {identity ? (
        <Panel title={t('signing.identity.title')} headingId="identity-heading" testId="identity-panel">
          {done && (
            <p className="notice notice--ok" role="status" data-testid="enroll-done">
              {t('signing.enroll.done')}
            </p>
          )}
          <IdentityCard identity={identity} />
        </Panel>
      ) : (
        <>
          <Panel title={t('signing.enroll.heading')} headingId="enroll-heading" testId="enroll-panel">
            <EnrollForm
              // A new link (another QR scanned) starts the form again with its code.
              key={`${code}/${ca}`}
              displayName={user.displayName}
              initialCode={code}
              caFingerprint={ca}
              onEnrolled={finished}
            />
          </Panel>
          <details className="card panel import-identity" data-testid="import-panel">
            <summary className="import-identity__summary">{t('signing.import.title')}</summary>
            <ImportIdentityForm onImported={finished} />
          </details>
        </>
      )}
    </SigningPageFrame>
  );
}
