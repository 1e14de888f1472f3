import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NEW_PASSWORD_MIN, type User } from '../../../../shared/protocol/index.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { TextField } from '../../components/TextField.js';
import { checkText, firstProblem, useFieldRefs, useProblemText, type FieldProblem } from '../../forms/field-rules.js';
import { useAdminRequest } from '../use-admin-request.js';

type PasswordField = 'current' | 'next' | 'repeat';

/**
 * After a sign-in with a one-time password (an imported account, a password reset by the
 * office): the person chooses their own before anything else (the server refuses the rest
 * with PASSWORD_CHANGE_REQUIRED until then). The form checks its own fields (`noValidate`):
 * the browser's bubbles ("Please lengthen this text…") speak the browser's language.
 */
export function PasswordChangeNotice({ user, onChanged }: { user: User; onChanged?: () => void }) {
  const { t } = useTranslation();
  const { run, busy, error } = useAdminRequest();
  const problemText = useProblemText();
  const fields = useFieldRefs<PasswordField>();
  const [changed, setChanged] = useState(false);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<Record<PasswordField, FieldProblem | null>>();
  if (!user.mustChangePassword || changed) return null;
  const mismatch = repeat !== '' && repeat !== next;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = {
      current: checkText(current, { required: true }),
      next: checkText(next, { required: true, min: NEW_PASSWORD_MIN }),
      repeat: checkText(repeat, { required: true }),
    };
    setProblems(found);
    const first = firstProblem(found);
    fields.focus(first ?? (mismatch ? 'repeat' : null));
    if (first || mismatch) return;
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
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label={t('people.changeCurrent')}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          required
          ref={fields.ref('current')}
          error={problemText(problems?.current)}
          testId="password-change-current"
        />
        <TextField
          label={t('people.changeNew')}
          hint={t('people.changeHint')}
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={setNext}
          required
          ref={fields.ref('next')}
          error={
            problems?.next?.kind === 'tooShort'
              ? t('people.changeTooShort', { count: NEW_PASSWORD_MIN })
              : problemText(problems?.next)
          }
          testId="password-change-new"
        />
        <TextField
          label={t('people.changeRepeat')}
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={setRepeat}
          required
          ref={fields.ref('repeat')}
          error={mismatch ? t('people.changeMismatch') : problemText(problems?.repeat)}
          testId="password-change-repeat"
        />
        <ErrorMessage error={error} testId="password-change-error" />
        <button type="submit" className="button button--primary" disabled={busy} data-testid="password-change-submit">
          {busy ? t('common.saving') : t('people.changeSubmit')}
        </button>
      </form>
    </section>
  );
}
