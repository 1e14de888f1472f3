import { useTranslation } from 'react-i18next';
import type { Vote } from '../../../shared/protocol/index.js';
import { atOffsetOf, formatShortTime } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';
import { VoteResultView } from './VoteResultView.js';

/**
 * When and why a vote was cancelled: every participant reads it where the vote stays listed.
 * `meetingStartsAt` gives the time its offset: the room's clock, not this device's.
 */
export function VoteCancelledNote({ vote, meetingStartsAt }: { vote: Vote; meetingStartsAt: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <div className="vote-cancelled" data-testid="vote-cancelled">
      <p className="vote-card__note" data-testid="vote-cancelled-at" data-at={vote.cancelledAt ?? undefined}>
        {vote.cancelledAt
          ? t('vote.cancelledAt', { time: formatShortTime(atOffsetOf(vote.cancelledAt, meetingStartsAt), lang) })
          : t('vote.cancelled')}
      </p>
      {vote.cancelReason && (
        <p className="vote-cancelled__reason" data-testid="vote-cancel-reason">
          {t('vote.cancelReason', { reason: vote.cancelReason })}
        </p>
      )}
      {/* Cancelled after its close: what was counted is shown to all, so it cannot be buried. */}
      {vote.result && (
        <div className="vote-cancelled__result" data-testid="vote-cancelled-result">
          <p className="vote-card__note">{t('vote.cancelledResult')}</p>
          <VoteResultView vote={vote} />
        </div>
      )}
    </div>
  );
}
