import { useTranslation } from 'react-i18next';
import type { MeetingStatus, SessionStage } from '../../../shared/protocol/index.js';

/**
 * The meeting's status; a sent-out meeting whose session runs (or is on a break) says so,
 * since "invitations sent" is no longer what the room is doing. `data-status` stays the
 * meeting's own status, `data-stage` tells the session's.
 */
export function StatusBadge({
  status,
  stage = 'not-started',
  testId = 'meeting-status',
}: {
  status: MeetingStatus;
  stage?: SessionStage;
  testId?: string;
}) {
  const { t } = useTranslation();
  const inSession = status === 'published' && stage !== 'not-started';
  const shown = inSession ? (stage === 'paused' ? 'paused' : 'in-session') : status;
  const label = inSession ? (stage === 'paused' ? t('status.paused') : t('status.inSession')) : t(`status.${status}`);
  return (
    <span className={`badge badge--${shown}`} data-testid={testId} data-status={status} data-stage={stage}>
      {label}
    </span>
  );
}
