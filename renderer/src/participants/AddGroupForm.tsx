import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidv7 } from 'uuidv7';
import type { Group, MeetingRole, ProtocolError } from '../../../shared/protocol/index.js';
import { MEETING_ROLES } from '../../../shared/protocol/index.js';
import { useClient, useClientState } from '../client/ClientContext.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { SelectField } from '../components/SelectField.js';

/** Adds every member of a group not yet taking part, with one role, in one command. */
export function AddGroupForm({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const { connection } = useClientState();
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [groupId, setGroupId] = useState('');
  const [role, setRole] = useState<MeetingRole>('delegate');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ProtocolError | null>(null);
  const [outcome, setOutcome] = useState<{ added: number; skipped: number } | null>(null);

  useEffect(() => {
    if (connection !== 'online') return;
    let live = true;
    void client.request('group:list', {}).then((answer) => {
      if (live && answer.ok) setGroups(answer.data.groups);
    });
    return () => {
      live = false;
    };
  }, [client, connection]);

  if (!groups || groups.length === 0) return null;
  const chosen = groups.some((g) => g.id === groupId) ? groupId : '';

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setError(null);
    setOutcome(null);
    const commandId = uuidv7();
    try {
      const answer = await client.send('participants:add-group', { commandId, meetingId, groupId: chosen, role });
      if (answer.ok) setOutcome({ added: answer.data.added ?? 0, skipped: answer.data.skipped ?? 0 });
      else {
        void client.dismissRejected(commandId);
        setError(answer.error);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form participant-add"
      noValidate
      onSubmit={(e) => void add(e)}
      data-testid="participant-add-group-form"
    >
      <h3 className="participant-add__title">{t('participants.addGroupTitle')}</h3>
      <div className="participant-add__fields">
        <SelectField
          label={t('participants.group')}
          value={chosen}
          required
          options={[
            { value: '', label: t('participants.chooseGroup') },
            ...groups.map((g) => ({
              value: g.id,
              label: t('participants.groupOption', { name: g.name, count: g.memberIds.length }),
            })),
          ]}
          onChange={setGroupId}
          testId="participant-add-group"
        />
        <SelectField
          label={t('participants.role')}
          value={role}
          options={MEETING_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          onChange={(r) => setRole(r)}
          testId="participant-add-group-role"
        />
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || !chosen}
          data-testid="participant-add-group-submit"
        >
          {busy ? t('common.saving') : t('participants.addGroup')}
        </button>
      </div>
      {outcome && (
        <p role="status" data-testid="participant-add-group-outcome">
          {t('participants.groupAdded', { count: outcome.added })}{' '}
          {outcome.skipped > 0 && t('participants.groupSkipped', { count: outcome.skipped })}
        </p>
      )}
      <ErrorMessage error={error} testId="participant-add-group-error" />
    </form>
  );
}
