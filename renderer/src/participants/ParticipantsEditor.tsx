import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../shared/protocol/index.js';
import { AddParticipantForm } from './AddParticipantForm.js';
import { AddGroupForm } from './AddGroupForm.js';
import { MembersPresent } from '../attendance/MembersPresent.js';
import type { AttendanceMode } from '../attendance/Presence.js';
import { Panel } from '../components/Panel.js';
import { sortParticipants } from './ParticipantList.js';
import { ParticipantRow } from './ParticipantRow.js';

interface Props {
  meetingId: string;
  participants: readonly Participant[];
  attendance?: AttendanceMode;
}

export function ParticipantsEditor({ meetingId, participants, attendance = 'hidden' }: Props) {
  const { t } = useTranslation();
  return (
    <Panel
      title={t('participants.title')}
      headingId="participants-heading"
      testId="participants-editor"
      aside={
        <span className="panel__meta">
          {t('participants.count', { count: participants.length })}
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
            <ParticipantRow key={p.userId} meetingId={meetingId} participant={p} attendance={attendance} />
          ))}
        </ul>
      )}
      <AddParticipantForm meetingId={meetingId} participants={participants} />
      <AddGroupForm meetingId={meetingId} />
    </Panel>
  );
}
