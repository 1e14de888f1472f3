import { useTranslation } from 'react-i18next';
import type { Vote } from '../../../shared/protocol/index.js';
import { VoteResultView } from '../votes/VoteResultView.js';

/**
 * What the room sees of the last vote once it is no longer open: its published result (chart,
 * counts and shares of all members), or that the result is awaited, or that it was cancelled.
 */
export function DisplayVoteOutcome({ show, vote }: { show: 'result' | 'awaiting' | 'cancelled'; vote: Vote }) {
  const { t } = useTranslation();
  if (show === 'result') {
    return (
      <section className="display-card display-result" data-testid="display-result" data-vote-id={vote.id}>
        <p className="display-label display-card__eyebrow">{t('result.title')}</p>
        <h2 className="display-card__question" data-testid="display-result-question">
          {vote.question}
        </h2>
        <VoteResultView vote={vote} large />
      </section>
    );
  }
  return (
    <section className="display-card display-card--quiet" data-testid="display-no-vote" data-vote-id={vote.id}>
      <h2 className="display-card__question" data-testid="display-quiet-question">
        {vote.question}
      </h2>
      <p className="display-card__note" data-testid="display-note">
        {show === 'awaiting' ? t('vote.awaitingResult') : t('display.cancelled')}
      </p>
      {show === 'cancelled' && vote.cancelReason && (
        <p className="display-card__note" data-testid="display-cancel-reason">
          {t('vote.cancelReason', { reason: vote.cancelReason })}
        </p>
      )}
    </section>
  );
}
