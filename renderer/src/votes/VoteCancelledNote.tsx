import { useTranslation } from 'react-i18next';
import type { Vote } from '../../../shared/protocol/index.js';
import { formatShortTime } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';

/** When and why a vote was cancelled: every participant reads it where the vote stays listed. */
export function VoteCancelledNote({ vote }: { vote: Vote }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <div className="vote-cancelled" data-testid="vote-cancelled">
      <p className="vote-card__note" data-testid="vote-cancelled-at" data-at={vote.cancelledAt ?? undefined}>
        {vote.cancelledAt
          ? t('vote.cancelledAt', { time: formatShortTime(vote.cancelledAt, lang) })
          : t('vote.cancelled')}
      </p>
      {vote.cancelReason && (
        <p className="vote-cancelled__reason" data-testid="vote-cancel-reason">
          {t('vote.cancelReason', { reason: vote.cancelReason })}
        </p>
      )}
    </div>
  );
}
