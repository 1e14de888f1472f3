import { useTranslation } from 'react-i18next';
import { MEETING_ROLES, type Participant } from '../../../shared/protocol/index.js';
import { MembersPresent } from '../attendance/MembersPresent.js';
import { Presence, type AttendanceMode } from '../attendance/Presence.js';
import { Panel } from '../components/Panel.js';

/** Chair first, then secretary, delegates and observers; by name within a role. */
export function sortParticipants(participants: readonly Participant[]): Participant[] {
  const order = ['chair', 'secretary', 'delegate', 'observer'];
  return [...participants].sort(
    (a, b) => order.indexOf(a.role) - order.indexOf(b.role) || a.displayName.localeCompare(b.displayName, 'vi'),
  );
}

interface Props {
  participants: readonly Participant[];
  attendance?: AttendanceMode;
}

export function ParticipantList({ participants, attendance = 'hidden' }: Props) {
  const { t } = useTranslation();
  const counts = MEETING_ROLES.map((role) => ({ role, n: participants.filter((p) => p.role === role).length })).filter(
    (c) => c.n > 0,
  );
  return (
    <Panel
      title={t('participants.title')}
      headingId="participants-heading"
      testId="participant-list"
      aside={
        <span className="panel__meta">
          {counts.map((c) => `${t(`role.${c.role}`)}: ${c.n}`).join(' · ')}
          {attendance !== 'hidden' && (
            <>
              {' · '}
              <MembersPresent participants={participants} />
            </>
          )}
        </span>
      }
    >
      {participants.length === 0 ? (
        <p className="empty">{t('participants.empty')}</p>
      ) : (
        <ul className="people">
          {sortParticipants(participants).map((p) => (
            <li
              key={p.userId}
              className="people__row"
              data-testid="participant-row"
              data-user-id={p.userId}
              data-present={p.present}
            >
              <span className="people__name">{p.displayName}</span>
              <span className={`role-tag role-tag--${p.role}`}>{t(`role.${p.role}`)}</span>
              <Presence participant={p} mode={attendance} />
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
