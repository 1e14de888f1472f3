import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../shared/protocol/index.js';
import { hasAttendance } from '../../../shared/domain/index.js';
import { AttendanceToggle } from './AttendanceToggle.js';
import { PresenceTag } from './PresenceTag.js';

/** Whether a participant list shows presence, and whether it can change it. */
export type AttendanceMode = 'hidden' | 'show' | 'manage';

/** A participant's presence as a list shows it: a tag, the keeper's switch, or nothing to keep. */
export function Presence({ participant, mode }: { participant: Participant; mode: AttendanceMode }) {
  const { t } = useTranslation();
  if (mode === 'hidden') return null;
  // No switch the server would refuse: an observer is neither present nor absent.
  if (!hasAttendance(participant.role))
    return (
      <span className="presence presence--none" data-testid="presence-none">
        {t('attendance.noAttendance')}
      </span>
    );
  if (mode === 'manage') return <AttendanceToggle participant={participant} />;
  return <PresenceTag present={participant.present} />;
}
