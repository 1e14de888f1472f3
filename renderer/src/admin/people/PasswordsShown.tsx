import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OneTimePassword } from '../../../../shared/protocol/index.js';
import { Icon } from '../../components/Icon.js';
import { downloadText, passwordsCsv } from './one-time-passwords.js';

interface Props {
  accounts: readonly OneTimePassword[];
  testId: string;
}

/**
 * One-time passwords, shown this once: the server keeps only their hashes. Each can be copied;
 * the whole list downloaded as a CSV to print and hand out.
 */
export function PasswordsShown({ accounts, testId }: Props) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<string | null>(null);
  async function copy(a: OneTimePassword) {
    try {
      await navigator.clipboard.writeText(a.password);
      setCopied(a.username);
    } catch {
      // No clipboard (a page over plain http): the password stays on screen to be typed.
      setCopied(null);
    }
  }
  return (
    <div className="passwords" data-testid={testId}>
      {/* Saved or printed first, pinned while scrolling: 2000 passwords are some 17 000 px on a phone. */}
      <div className="sticky-bar">
        <p className="sticky-bar__text passwords__warning">{t('people.passwordsOnce', { count: accounts.length })}</p>
        <div className="sticky-bar__actions">
          <button
            type="button"
            className="button button--primary"
            data-testid={`${testId}-download`}
            onClick={() => downloadText('mat-khau-mot-lan.csv', passwordsCsv(accounts))}
          >
            <Icon name="download" /> {t('people.downloadPasswords')}
          </button>
          <button type="button" className="button" data-testid={`${testId}-print`} onClick={() => window.print()}>
            {t('people.printPasswords')}
          </button>
        </div>
      </div>
      <ul className="passwords__list">
        {accounts.map((a) => (
          <li key={a.username} className="passwords__item" data-testid="one-time-password">
            <span className="passwords__who">
              {a.displayName} <span className="people-list__username">({a.username})</span>
            </span>
            <code className="passwords__value" data-testid="one-time-password-value">
              {a.password}
            </code>
            <button
              type="button"
              className="button"
              onClick={() => void copy(a)}
              aria-label={t('people.copyAria', { name: a.displayName })}
            >
              {copied === a.username ? t('people.copied') : t('people.copy')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
