import { useTranslation } from 'react-i18next';
import type { VoteStatus } from '../../../shared/protocol/index.js';

export function VoteStatusBadge({ status }: { status: VoteStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--vote-${status}`} data-testid="vote-status" data-status={status}>
      {t(`vote.status.${status}`)}
    </span>
  );
}
