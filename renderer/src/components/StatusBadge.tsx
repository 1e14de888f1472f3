import { useTranslation } from 'react-i18next';
import type { MeetingStatus } from '../../../shared/protocol/index.js';

export function StatusBadge({ status, testId = 'meeting-status' }: { status: MeetingStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${status}`} data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
