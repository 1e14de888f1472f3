import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtocolError } from '../../../shared/protocol/index.js';
import { useClientWiring } from '../client/ClientContext.js';
import { RevokedNotice } from '../signing/RevokedNotice.js';
import { ErrorMessage } from './ErrorMessage.js';
import { LanguageToggle } from './LanguageToggle.js';
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
  const { client, desktop, defaultServerUrl } = useClientWiring();
  const [serverUrl, setServerUrl] = useState(() => (desktop ? lastServerUrl() : defaultServerUrl));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ProtocolError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
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
        <form className="form" onSubmit={(e) => void submit(e)} data-testid="login-form">
          {desktop && (
            <TextField
              label={t('login.server')}
              type="url"
              required
              inputMode="url"
              placeholder={t('login.serverPlaceholder')}
              value={serverUrl}
              onChange={setServerUrl}
              testId="login-server"
            />
          )}
          <TextField
            label={t('login.username')}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            required
            value={username}
            onChange={setUsername}
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
            testId="login-password"
          />
          <ErrorMessage error={error} testId="login-error" />
          <button
            type="submit"
            className="button button--primary button--wide"
            disabled={busy}
            data-testid="login-submit"
          >
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
