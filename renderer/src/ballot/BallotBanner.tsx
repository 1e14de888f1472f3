import { useTranslation } from 'react-i18next';
import type { BallotDue } from './ballot-queue.js';
import { useBallots } from './BallotContext.js';

/** Ballots put off for later (and the chair's own): one line each, one touch to vote. */
export function BallotBanner({ items }: { items: readonly BallotDue[] }) {
  const { t } = useTranslation();
  const { show } = useBallots();
  return (
    <section className="ballot-banners" aria-label={t('ballot.title')}>
      {items.map(({ vote }) => (
        <div key={vote.id} className="ballot-banner" role="status" data-testid="ballot-banner" data-vote-id={vote.id}>
          <span className="ballot-banner__text">{t('ballot.banner', { question: vote.question })}</span>
          <button
            type="button"
            className="button button--primary"
            data-testid="ballot-banner-open"
            onClick={() => show(vote.id)}
          >
            {t('vote.voteNow')}
          </button>
        </div>
      ))}
    </section>
  );
}
