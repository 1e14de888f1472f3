import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../shared/protocol/index.js';
import { countAttendance } from './quorum.js';

/** "Members present x/y" in a participant list's heading: the chair and delegates only, as the quorum counts. */
export function MembersPresent({ participants }: { participants: readonly Participant[] }) {
  const { t } = useTranslation();
  const { present, members } = countAttendance(participants);
  return (
    <span data-testid="participants-present-count" data-present={present} data-members={members}>
      {t('attendance.membersPresentCount', { present, members })}
    </span>
  );
}
