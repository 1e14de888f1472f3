import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatementCheck } from '../../../shared/client/signing-api.js';
import type { ResultSignature as Signature } from '../../../shared/protocol/index.js';
import { useClient, useClientState } from '../client/ClientContext.js';
import { formatWhen } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';
import { base64Bytes, download, shortFingerprint } from './signing-format.js';
import { Icon } from '../components/Icon.js';

interface Props {
  voteId: string;
  signature: Signature;
  /** The room display: the badge alone. */
  badgeOnly?: boolean;
}

/** A published result's server signature: who signed it, a check on this device, and the files for OpenSSL. */
export function ResultSignature({ voteId, signature, badgeOnly = false }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const client = useClient();
  const { serverUrl } = useClientState();
  const [checking, setChecking] = useState(false);
  const [check, setCheck] = useState<StatementCheck | null>(null);
  const base = `ket-qua-${voteId}`;

  async function verify() {
    setChecking(true);
    setCheck(null);
    try {
      setCheck(await client.checkServerStatement(signature.statement, signature.signature));
    } catch (error) {
      setCheck({ valid: false, reason: error instanceof Error ? error.message : String(error) });
    } finally {
      setChecking(false);
    }
  }

  return (
    <div className="result-signature" data-testid="result-signature">
      <p className="result-signature__badge">
        <span className="badge badge--verified" data-testid="result-signed">
          <Icon name="seal" /> {t('signing.result.signed')}
        </span>{' '}
        <span className="result-signature__by">
          {t('signing.result.byServer', { when: formatWhen(signature.signedAt, lang) })}
        </span>
      </p>
      {!badgeOnly && (
        <>
          <div className="button-row">
            <button
              type="button"
              className="button"
              disabled={checking}
              onClick={() => void verify()}
              data-testid="result-verify"
            >
              {checking ? t('signing.result.checking') : t('signing.result.verify')}
            </button>
          </div>
          {check && (
            <p
              className={check.valid ? 'notice notice--ok' : 'error-message'}
              role={check.valid ? 'status' : 'alert'}
              data-testid="result-check"
              data-valid={check.valid}
            >
              {check.valid
                ? t('signing.result.valid', {
                    signer: check.signer,
                    ca: shortFingerprint(check.caFingerprint),
                    when: formatWhen(check.signedAt, lang),
                  })
                : t('signing.result.invalid', { reason: check.reason })}
            </p>
          )}
          {/* Files, certificate names and commands: for whoever checks, out of a delegate's way. */}
          <details className="result-signature__help">
            <summary>{t('signing.result.technical')}</summary>
            <p data-testid="result-signer" translate="no">
              {t('signing.result.by', { cn: signature.signer.commonName, when: formatWhen(signature.signedAt, lang) })}
            </p>
            <div className="button-row">
              <button
                type="button"
                className="button button--quiet"
                onClick={() => download(`${base}.json`, signature.statement, 'application/json')}
                data-testid="result-download-statement"
              >
                <Icon name="download" /> {t('signing.result.statement')}
              </button>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => download(`${base}.p7s`, base64Bytes(signature.signature), 'application/pkcs7-signature')}
                data-testid="result-download-signature"
              >
                <Icon name="download" /> {t('signing.result.signature')}
              </button>
            </div>
            <p>
              {t('signing.result.howToText')}{' '}
              <a
                className="button button--quiet"
                href={`${serverUrl ?? ''}/api/pki/ca`}
                download="ca.pem"
                data-testid="result-ca-link"
              >
                {t('signing.result.caLink')}
              </a>
            </p>
            <pre className="result-signature__command" translate="no">
              {`openssl cms -verify -binary -inform DER -in ${base}.p7s -content ${base}.json -CAfile ca.pem -purpose any`}
            </pre>
          </details>
        </>
      )}
    </div>
  );
}
