import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../shared/protocol/index.js';
import { AddParticipantForm } from './AddParticipantForm.js';
import type { AttendanceMode } from '../attendance/Presence.js';
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
    <section className="card panel" aria-labelledby="participants-heading" data-testid="participants-editor">
      <div className="panel__head">
        <h2 id="participants-heading" className="panel__title">
          {t('participants.title')}
        </h2>
        <span className="panel__meta">{t('participants.count', { n: participants.length })}</span>
      </div>
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
    </section>
  );
}
