import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrollmentCode, ProtocolError } from '../../../shared/protocol/index.js';
import { TabletTrustSection } from '../ca-trust/TabletTrustSection.js';
import { useClient } from '../client/ClientContext.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { formatWhen } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';
import { QrImage } from './QrImage.js';
import { SigningDialog } from './SigningDialog.js';
import { SigningFacts } from './SigningFacts.js';
import { formatFingerprint } from './signing-format.js';

interface Props {
  userId: string;
  displayName: string;
  onClose(): void;
}

/**
 * A one-time enrolment code for one person's device, made when the dialog opens: the code
 * to type, the QR that carries it with the CA's fingerprint, its expiry. Shown once.
 */
export function EnrollmentCodeDialog({ userId, displayName, onClose }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const client = useClient();
  const [code, setCode] = useState<EnrollmentCode | null>(null);
  const [error, setError] = useState<ProtocolError | null>(null);
  const [attempt, setAttempt] = useState(0);

  // One code per opening (and per "try again"): each counts against the person's unused codes,
  // so the effect run twice by React's strict mode must not ask twice.
  const asked = useRef<number | null>(null);
  useEffect(() => {
    if (asked.current === attempt) return;
    asked.current = attempt;
    setError(null);
    void client.createEnrollmentCode(userId).then((answer) => {
      if (answer.ok) setCode(answer.data);
      else setError(answer.error);
    });
  }, [client, userId, attempt]);

  return (
    <SigningDialog
      title={t('signing.code.title', { name: displayName })}
      testId="enrollment-code-dialog"
      onClose={onClose}
      actions={
        <>
          {error && (
            <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
              {t('signing.retry')}
            </button>
          )}
          <button
            type="button"
            className="button button--primary"
            onClick={onClose}
            data-testid="enrollment-code-close"
          >
            {t('common.close')}
          </button>
        </>
      }
    >
      <ErrorMessage error={error} testId="enrollment-code-error" />
      {!code && !error && (
        <p className="signing-progress" role="status" data-testid="enrollment-code-loading">
          {t('signing.code.making')}
        </p>
      )}
      {code && (
        <div className="enroll-code">
          <p className="dialog__body">{t('signing.code.intro')}</p>
          <QrImage text={code.link} label={t('signing.code.qrLabel')} testId="enrollment-qr" />
          <p className="enroll-code__text" data-testid="enrollment-code-text" translate="no">
            {code.code}
          </p>
          <SigningFacts
            facts={[
              { label: t('signing.code.for'), value: code.displayName },
              {
                label: t('signing.code.expires'),
                value: formatWhen(code.expiresAt, lang),
                testId: 'enrollment-code-expires',
              },
              {
                label: t('signing.caFingerprint'),
                value: formatFingerprint(code.caFingerprint),
                testId: 'enrollment-code-ca',
                mono: true,
              },
            ]}
          />
          <p className="field__hint">{t('signing.code.once')}</p>
          <TabletTrustSection origin={new URL(code.link).origin} fingerprint={code.caFingerprint} />
        </div>
      )}
    </SigningDialog>
  );
}
