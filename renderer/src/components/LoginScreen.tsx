import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isHttpsAddress, type ServerTrustApi, type TrustedServer } from '../../../shared/client/server-trust.js';
import type { ProtocolError } from '../../../shared/protocol/index.js';
import { useClientWiring } from '../client/ClientContext.js';
import { checkText, firstProblem, useFieldRefs, useProblemText, type FieldProblem } from '../forms/field-rules.js';
import { withRetryWait } from '../i18n/retry-wait.js';
import { RevokedNotice } from '../signing/RevokedNotice.js';
import { enrollParams } from '../signing/signing-format.js';
import { ErrorMessage } from './ErrorMessage.js';
import { LanguageToggle } from './LanguageToggle.js';
import { ServerTrustStep, TrustedServerNote } from './ServerTrustStep.js';
import { TextField } from './TextField.js';

const LAST_SERVER_KEY = 'cabinet.lastServerUrl';

function lastServerUrl(): string {
  try {
    return window.localStorage.getItem(LAST_SERVER_KEY) ?? '';
  } catch {
    return '';
  }
}

export function LoginScreen() {
  const { t } = useTranslation();
  const { client, desktop, defaultServerUrl, serverTrust } = useClientWiring();
  const [initialUrl] = useState(() => (desktop ? lastServerUrl() : defaultServerUrl));
  const [serverUrl, setServerUrl] = useState(initialUrl);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ProtocolError | null>(null);
  const [problems, setProblems] = useState<Record<'server' | 'username' | 'password', FieldProblem | null>>();
  const problemText = useProblemText();
  const fields = useFieldRefs<'server' | 'username' | 'password'>();
  const trust = useServerTrust(desktop ? serverTrust : undefined, serverUrl.trim());
  // The enrolment link (`#/enroll?code=…&ca=…`) carries the CA's fingerprint.
  const [linkCa] = useState(() => enrollParams(window.location.hash).ca);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = {
      server: desktop ? checkText(serverUrl, { required: true }) : null,
      username: checkText(username, { required: true }),
      password: checkText(password, { required: true }),
    };
    setProblems(found);
    const first = firstProblem(found);
    fields.focus(first);
    if (first) return;
    setBusy(true);
    setError(null);
    const url = serverUrl.trim();
    const answer = await client.login({ serverUrl: url, username: username.trim(), password });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    if (desktop) {
      try {
        window.localStorage.setItem(LAST_SERVER_KEY, url);
      } catch {
        // Not remembered; the field is simply empty next time.
      }
    }
  }

  return (
    <div className="login">
      <div className="login__top">
        <LanguageToggle />
      </div>
      <main className="login__card card">
        <RevokedNotice />
        <p className="login__product">{t('app.title')}</p>
        <h1 className="login__title">{t('login.title')}</h1>
        <p className="login__intro">{t('login.intro')}</p>
        <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="login-form">
          {desktop && (
            <TextField
              label={t('login.server')}
              type="url"
              required
              inputMode="url"
              placeholder={t('login.serverPlaceholder')}
              value={serverUrl}
              onChange={setServerUrl}
              ref={fields.ref('server')}
              error={problemText(problems?.server)}
              testId="login-server"
            />
          )}
          {trust.step === 'ask' && serverTrust && (
            <ServerTrustStep
              key={serverUrl.trim()}
              serverUrl={serverUrl.trim()}
              trust={serverTrust}
              linkFingerprint={linkCa}
              auto={serverUrl === initialUrl}
              onTrusted={trust.trusted}
            />
          )}
          {trust.step === 'trusted' && trust.server && <TrustedServerNote server={trust.server} />}
          <TextField
            label={t('login.username')}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            required
            value={username}
            onChange={setUsername}
            ref={fields.ref('username')}
            error={problemText(problems?.username)}
            testId="login-username"
          />
          <TextField
            label={t('login.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={setPassword}
            ref={fields.ref('password')}
            error={problemText(problems?.password)}
            testId="login-password"
          />
          <ErrorMessage error={withRetryWait(error)} testId="login-error" />
          <button
            type="submit"
            className="button button--primary button--wide"
            disabled={busy || trust.step === 'ask' || trust.step === 'checking'}
            data-testid="login-submit"
          >
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}

type TrustStep = 'none' | 'checking' | 'ask' | 'trusted';

/**
 * On the desktop, an https server needs its meeting CA pinned before sign-in: asks the main
 * process whether this server's origin has one (a moment after the address stops changing).
 * Plain http (loopback, development) and the browser tab need none.
 */
function useServerTrust(api: ServerTrustApi | undefined, url: string) {
  const [known, setKnown] = useState<{ url: string; server: TrustedServer | null } | null>(null);
  const needed = api !== undefined && isHttpsAddress(url) && URL.canParse(url);
  useEffect(() => {
    if (!api || !needed) return;
    let live = true;
    const timer = setTimeout(() => {
      void api.serverTrust(url).then((server) => {
        if (live) setKnown({ url, server });
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, needed, url]);
  const current = known?.url === url ? known : null;
  const step: TrustStep = !needed ? 'none' : !current ? 'checking' : current.server ? 'trusted' : 'ask';
  return {
    step,
    server: current?.server ?? null,
    trusted: (server: TrustedServer) => setKnown({ url, server }),
  };
}
