import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OneTimePassword, Person, User } from '../../../../shared/protocol/index.js';
import { CheckboxField } from '../../components/CheckboxField.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { FormActions } from '../../components/FormActions.js';
import { TextField } from '../../components/TextField.js';
import { checkText, firstProblem, useFieldRefs, useProblemText, type FieldProblem } from '../../forms/field-rules.js';
import { useAdminRequest } from '../use-admin-request.js';

interface Props {
  user: User;
  /** The person edited; absent: a new account. */
  person?: Person;
  onDone(saved: Person, password: OneTimePassword | null): void;
  onCancel(): void;
}

/** A new account (with a user name, and a one-time password made by the server) or an edit of one. */
export function PersonForm({ user, person, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const { run, busy, error } = useAdminRequest();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(person?.displayName ?? '');
  const [title, setTitle] = useState(person?.title ?? '');
  const [unit, setUnit] = useState(person?.unit ?? '');
  const [seat, setSeat] = useState(person?.seat ?? '');
  const [email, setEmail] = useState(person?.email ?? '');
  const [canCreateMeetings, setCanCreateMeetings] = useState(person?.canCreateMeetings ?? false);
  const [managesPeople, setManagesPeople] = useState((person?.managesPeople ?? false) && !person?.isAdmin);
  const [problems, setProblems] = useState<Record<'username' | 'displayName', FieldProblem | null>>();
  const problemText = useProblemText();
  const fields = useFieldRefs<'username' | 'displayName'>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Our own checks, in the UI language (noValidate): the browser's bubbles speak its own.
    const found = {
      username: person ? null : checkText(username, { required: true }),
      displayName: checkText(displayName, { required: true }),
    };
    setProblems(found);
    const first = firstProblem(found);
    fields.focus(first);
    if (first) return;
    const details = { displayName, title, unit, seat, email, canCreateMeetings, managesPeople };
    if (person) {
      const saved = await run('people:update', { userId: person.id, ...details });
      if (saved) onDone(saved.person, null);
    } else {
      const made = await run('people:create', { username: username.trim().toLowerCase(), ...details });
      if (made) onDone(made.person, made.password);
    }
  }

  return (
    <form className="form person-form" onSubmit={(e) => void submit(e)} noValidate data-testid="person-form">
      <h3 className="person-form__title">
        {person ? t('people.editTitle', { name: person.displayName }) : t('people.newTitle')}
      </h3>
      {!person && (
        <TextField
          label={t('people.username')}
          hint={t('people.usernameHint')}
          value={username}
          onChange={setUsername}
          required
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          ref={fields.ref('username')}
          error={problemText(problems?.username)}
          testId="person-username"
        />
      )}
      <TextField
        label={t('people.displayName')}
        value={displayName}
        onChange={setDisplayName}
        required
        maxLength={200}
        ref={fields.ref('displayName')}
        error={problemText(problems?.displayName)}
        testId="person-display-name"
      />
      <TextField label={t('people.jobTitle')} value={title} onChange={setTitle} maxLength={200} testId="person-title" />
      <TextField label={t('people.unit')} value={unit} onChange={setUnit} maxLength={200} testId="person-unit" />
      <TextField label={t('people.seat')} value={seat} onChange={setSeat} maxLength={20} testId="person-seat" />
      <TextField
        label={t('people.email')}
        type="email"
        value={email}
        onChange={setEmail}
        maxLength={254}
        testId="person-email"
      />
      <CheckboxField
        label={t('people.canCreateMeetings')}
        checked={canCreateMeetings}
        onChange={setCanCreateMeetings}
        testId="person-can-create-meetings"
      />
      {user.isAdmin && !person?.isAdmin && (
        <CheckboxField
          label={t('people.managesPeople')}
          checked={managesPeople}
          onChange={setManagesPeople}
          testId="person-manages-people"
        />
      )}
      <ErrorMessage error={error} testId="person-form-error" />
      <FormActions
        submitLabel={person ? t('common.save') : t('people.create')}
        busy={busy}
        onCancel={onCancel}
        testIdPrefix="person-form"
      />
    </form>
  );
}
