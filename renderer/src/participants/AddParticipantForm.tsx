import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryUser, MeetingRole, Participant, ProtocolError } from '../../../shared/protocol/index.js';
import { MEETING_ROLES } from '../../../shared/protocol/index.js';
import { useClient, useClientState } from '../client/ClientContext.js';
import { useCommand } from '../client/use-command.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { SelectField } from '../components/SelectField.js';

interface Props {
  meetingId: string;
  participants: readonly Participant[];
}

/** Loads the user directory when online, and again after a reconnect. */
export function useDirectory(): { users: DirectoryUser[] | null; error: ProtocolError | null } {
  const client = useClient();
  const { connection } = useClientState();
  const [users, setUsers] = useState<DirectoryUser[] | null>(null);
  const [error, setError] = useState<ProtocolError | null>(null);
  useEffect(() => {
    if (connection !== 'online') return;
    let live = true;
    void client.request('directory:list-users', {}).then((answer) => {
      if (!live) return;
      if (answer.ok) {
        setUsers(answer.data.users);
        setError(null);
      } else {
        setError(answer.error);
      }
    });
    return () => {
      live = false;
    };
  }, [client, connection]);
  return { users, error };
}

export function AddParticipantForm({ meetingId, participants }: Props) {
  const { t } = useTranslation();
  const { users, error: directoryError } = useDirectory();
  const { run, busy, error } = useCommand();
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<MeetingRole>('delegate');
  const taken = new Set(participants.map((p) => p.userId));
  const available = (users ?? [])
    .filter((u) => !taken.has(u.id))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'));
  const chosen = available.some((u) => u.id === userId) ? userId : '';

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    const outcome = await run('participant:set', { meetingId, userId: chosen, role });
    if (outcome !== 'failed') setUserId('');
  }

  return (
    <form className="form participant-add" noValidate onSubmit={(e) => void add(e)} data-testid="participant-add-form">
      <h3 className="participant-add__title">{t('participants.addTitle')}</h3>
      <ErrorMessage error={directoryError} testId="directory-error" />
      {users === null && !directoryError ? (
        <p className="empty">{t('participants.loadingUsers')}</p>
      ) : available.length === 0 ? (
        <p className="empty">{t('participants.noMoreUsers')}</p>
      ) : (
        <div className="participant-add__fields">
          <SelectField
            label={t('participants.user')}
            value={chosen}
            required
            options={[
              { value: '', label: t('participants.chooseUser') },
              ...available.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })),
            ]}
            onChange={setUserId}
            testId="participant-add-user"
          />
          <SelectField
            label={t('participants.role')}
            value={role}
            options={MEETING_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            onChange={(r) => setRole(r)}
            testId="participant-add-role"
          />
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || !chosen}
            data-testid="participant-add-submit"
          >
            {busy ? t('common.saving') : t('participants.add')}
          </button>
        </div>
      )}
      <ErrorMessage error={error} testId="participant-add-error" />
    </form>
  );
}
