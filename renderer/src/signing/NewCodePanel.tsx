import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Panel } from '../components/Panel.js';
import { SelectField } from '../components/SelectField.js';
import type { DirectoryUser, ProtocolError } from '../../../shared/protocol/index.js';
import { EnrollmentCodeDialog } from './EnrollmentCodeDialog.js';

interface Props {
  users: readonly DirectoryUser[] | null;
  error: ProtocolError | null;
}

/** The admin's "make an enrolment code" for anyone in the directory. */
export function NewCodePanel({ users, error }: Props) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState('');
  const [open, setOpen] = useState(false);
  const sorted = [...(users ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'));
  const chosen = sorted.find((u) => u.id === userId);
  return (
    <Panel title={t('signing.devices.newCode')} headingId="new-code-heading" testId="new-code-panel">
      <p className="panel__intro">{t('signing.devices.newCodeIntro')}</p>
      <ErrorMessage error={error} testId="directory-error" />
      <div className="new-code">
        <SelectField
          label={t('participants.user')}
          value={chosen ? userId : ''}
          options={[
            { value: '', label: users ? t('participants.chooseUser') : t('participants.loadingUsers') },
            ...sorted.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })),
          ]}
          onChange={setUserId}
          testId="new-code-user"
        />
        <button
          type="button"
          className="button button--primary"
          disabled={!chosen}
          onClick={() => setOpen(true)}
          data-testid="new-code-submit"
        >
          {t('signing.devices.makeCode')}
        </button>
      </div>
      {open && chosen && (
        <EnrollmentCodeDialog userId={chosen.id} displayName={chosen.displayName} onClose={() => setOpen(false)} />
      )}
    </Panel>
  );
}
