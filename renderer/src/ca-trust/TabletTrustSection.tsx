import { useTranslation } from 'react-i18next';
import { QrImage } from '../signing/QrImage.js';
import { formatFingerprint } from '../signing/signing-format.js';

/** The server's CA downloads (server/pki/pki-routes.ts); public, so a tablet not yet signed in gets them. */
const CA_PROFILE_PATH = '/api/pki/ca.mobileconfig';
const CA_DER_PATH = '/api/pki/ca.crt';

interface Props {
  /** The room server's origin as tablets reach it: the enrolment link's. */
  origin: string;
  /** The meeting CA's SHA-256, hex. */
  fingerprint: string;
}

type Platform = 'ios' | 'android';
const PLATFORMS: readonly { platform: Platform; path: string }[] = [
  { platform: 'ios', path: CA_PROFILE_PATH },
  { platform: 'android', path: CA_DER_PATH },
];

/**
 * How a tablet comes to trust the room's server, so that the web app runs over HTTPS: per
 * platform, the CA as a file (QR and link) and the steps to install it, and the fingerprint to
 * compare. Folded: the enrolment QR above it stays the one to scan first.
 */
export function TabletTrustSection({ origin, fingerprint }: Props) {
  const { t } = useTranslation();
  return (
    <details className="ca-trust" data-testid="ca-trust">
      <summary className="ca-trust__summary">{t('caTrust.title')}</summary>
      <p className="ca-trust__text">{t('caTrust.intro')}</p>
      <p className="ca-trust__text">{t('caTrust.firstVisit')}</p>
      <p className="ca-trust__fingerprint">
        <span className="ca-trust__label">{t('caTrust.fingerprint')}</span>
        <span className="fingerprint" translate="no" data-testid="ca-trust-fingerprint">
          {formatFingerprint(fingerprint)}
        </span>
      </p>
      <div className="ca-trust__platforms">
        {PLATFORMS.map(({ platform, path }) => {
          const url = `${origin}${path}`;
          return (
            <section
              key={platform}
              className="ca-trust__platform"
              aria-labelledby={`ca-trust-${platform}`}
              data-testid={`ca-trust-${platform}`}
            >
              <h3 id={`ca-trust-${platform}`} className="ca-trust__heading">
                {t(`caTrust.${platform}.heading`)}
              </h3>
              <QrImage text={url} label={t(`caTrust.${platform}.qrLabel`)} testId={`ca-trust-${platform}-qr`} />
              <a className="button button--wide" href={url} download data-testid={`ca-trust-${platform}-download`}>
                {t(`caTrust.${platform}.download`)}
              </a>
              <ol className="ca-trust__steps">
                <li>{t(`caTrust.${platform}.step1`)}</li>
                <li>{t(`caTrust.${platform}.step2`)}</li>
                <li>{t(`caTrust.${platform}.step3`)}</li>
              </ol>
            </section>
          );
        })}
      </div>
      <p className="ca-trust__text">{t('caTrust.after')}</p>
    </details>
  );
}
