import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/protocol/index.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { TextField } from '../../components/TextField.js';
import { useAdminRequest } from '../use-admin-request.js';

/**
 * After a sign-in with a one-time password (an imported account, a password reset by the
 * office): the person chooses their own before anything else (the server refuses the rest
 * with PASSWORD_CHANGE_REQUIRED until then).
 */
export function PasswordChangeNotice({ user, onChanged }: { user: User; onChanged?: () => void }) {
  const { t } = useTranslation();
  const { run, busy, error } = useAdminRequest();
  const [changed, setChanged] = useState(false);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  if (!user.mustChangePassword || changed) return null;
  const mismatch = repeat !== '' && repeat !== next;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (mismatch) return;
    if (await run('account:change-password', { currentPassword: current, newPassword: next })) {
      setChanged(true);
      onChanged?.();
    }
  }

  return (
    <section className="card password-change" aria-labelledby="password-change-heading" data-testid="password-change">
      <h2 id="password-change-heading" className="panel__title">
        {t('people.changeTitle')}
      </h2>
      <p>{t('people.changeWhy')}</p>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <TextField
          label={t('people.changeCurrent')}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          required
          testId="password-change-current"
        />
        <TextField
          label={t('people.changeNew')}
          hint={t('people.changeHint')}
          type="password"
          autoComplete="new-password"
          minLength={10}
          value={next}
          onChange={setNext}
          required
          testId="password-change-new"
        />
        <TextField
          label={t('people.changeRepeat')}
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={setRepeat}
          required
          error={mismatch ? t('people.changeMismatch') : undefined}
          testId="password-change-repeat"
        />
        <ErrorMessage error={error} testId="password-change-error" />
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || mismatch}
          data-testid="password-change-submit"
        >
          {busy ? t('common.saving') : t('people.changeSubmit')}
        </button>
      </form>
    </section>
  );
}
