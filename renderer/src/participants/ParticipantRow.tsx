import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEETING_ROLES, type MeetingRole, type Participant } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Presence, type AttendanceMode } from '../attendance/Presence.js';
import { EnrollmentCodeButton } from '../signing/EnrollmentCodeButton.js';

interface Props {
  meetingId: string;
  participant: Participant;
  attendance?: AttendanceMode;
}

export function ParticipantRow({ meetingId, participant, attendance = 'hidden' }: Props) {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const selectId = `role-${participant.userId}`;
  return (
    <li
      className="people__row people__row--editable"
      data-testid="participant-row"
      data-user-id={participant.userId}
      data-present={participant.present}
    >
      <label className="people__name" htmlFor={selectId}>
        {participant.displayName}
      </label>
      <select
        id={selectId}
        className="input people__role"
        value={participant.role}
        disabled={busy}
        onChange={(e) =>
          void run('participant:set', { meetingId, userId: participant.userId, role: e.target.value as MeetingRole })
        }
        data-testid="participant-role-select"
      >
        {MEETING_ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`role.${role}`)}
          </option>
        ))}
      </select>
      <Presence participant={participant} mode={attendance} />
      <EnrollmentCodeButton userId={participant.userId} displayName={participant.displayName} />
      <button
        type="button"
        className="button button--small button--danger-quiet"
        aria-label={t('participants.removeAria', { name: participant.displayName })}
        data-testid="participant-remove"
        onClick={() => setConfirmRemove(true)}
      >
        {t('participants.remove')}
      </button>
      <ErrorMessage error={error} testId="participant-error" />
      {confirmRemove && (
        <ConfirmDialog
          open
          danger
          title={t('participants.removeConfirm', { name: participant.displayName })}
          confirmLabel={t('participants.remove')}
          cancelLabel={t('confirm.keep')}
          onCancel={() => setConfirmRemove(false)}
          onConfirm={() => {
            setConfirmRemove(false);
            void run('participant:remove', { meetingId, userId: participant.userId });
          }}
        />
      )}
    </li>
  );
}
