import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  displayCaFingerprint,
  parseCaFingerprint,
  type ServerTrustApi,
  type TrustedServer,
} from '../../../shared/client/server-trust.js';
import { useAck } from '../signing/use-ack.js';
import { ErrorMessage } from './ErrorMessage.js';
import { TextField } from './TextField.js';

interface Props {
  serverUrl: string;
  trust: ServerTrustApi;
  /** From the enrolment link (`#/enroll?…&ca=…`), else empty. */
  linkFingerprint: string;
  /** Trust at once with the link's fingerprint (the person opened the enrolment link). */
  auto: boolean;
  onTrusted(server: TrustedServer): void;
}

/**
 * The desktop's first step with an https server it has no pinned CA for: the CA fingerprint
 * the server printed at start (also on the enrolment sheet and its QR), checked against the
 * server's chain in the main process, then pinned for that server.
 */
export function ServerTrustStep({ serverUrl, trust, linkFingerprint, auto, onTrusted }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => (linkFingerprint ? displayCaFingerprint(linkFingerprint) : ''));
  const { busy, error, run } = useAck();
  const fingerprint = parseCaFingerprint(text);

  async function trustNow(hex: string) {
    const server = await run(() => trust.trustServer(serverUrl, hex));
    if (server) onTrusted(server);
  }

  // The enrolment link carries the fingerprint: pin at once, once.
  const tried = useRef(false);
  useEffect(() => {
    if (!auto || tried.current || !linkFingerprint) return;
    tried.current = true;
    // Only the link's own fingerprint, once: one typed later is the person's to confirm.
    void trustNow(linkFingerprint);
  });

  return (
    <section className="form server-trust" aria-labelledby="server-trust-heading" data-testid="server-trust">
      <h2 id="server-trust-heading" className="panel__title">
        {t('login.trust.title')}
      </h2>
      <p className="panel__intro">{t('login.trust.intro')}</p>
      <TextField
        label={t('login.trust.fingerprint')}
        hint={t('login.trust.fingerprintHint')}
        error={text.trim() !== '' && !fingerprint ? t('login.trust.invalid') : null}
        value={text}
        onChange={setText}
        onKeyDown={(event) => {
          // Enter confirms this step, not the sign-in form around it.
          if (event.key !== 'Enter') return;
          event.preventDefault();
          if (fingerprint && !busy) void trustNow(fingerprint);
        }}
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        className="fingerprint-field"
        testId="server-trust-fingerprint"
      />
      {linkFingerprint && <p className="field__hint">{t('login.trust.fromLink')}</p>}
      <ErrorMessage error={error} testId="server-trust-error" />
      <button
        type="button"
        className="button button--primary button--wide"
        disabled={busy || !fingerprint}
        onClick={() => fingerprint && void trustNow(fingerprint)}
        data-testid="server-trust-submit"
      >
        {busy ? t('login.trust.checking') : t('login.trust.submit')}
      </button>
    </section>
  );
}

/** The pinned CA, as the person checks it: its name and fingerprint. */
export function TrustedServerNote({ server }: { server: TrustedServer }) {
  const { t } = useTranslation();
  return (
    <p className="notice notice--ok" role="status" data-testid="server-trusted">
      {t('login.trust.trusted')} {server.subject}
      <br />
      <span className="fingerprint" translate="no">
        {server.fingerprint}
      </span>
    </p>
  );
}
