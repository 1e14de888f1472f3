import { useTranslation } from 'react-i18next';
import { Notice } from '../components/Notice.js';
import type { BallotDue } from './ballot-queue.js';
import { useBallots } from './BallotContext.js';

/** Ballots put off for later (and the chair's own): one line each, one touch to vote. */
export function BallotBanner({ items }: { items: readonly BallotDue[] }) {
  const { t } = useTranslation();
  const { show } = useBallots();
  return (
    <section className="ballot-banners" aria-label={t('ballot.title')}>
      {items.map(({ vote }) => (
        <Notice
          key={vote.id}
          block="ballot-banner"
          role="status"
          testId="ballot-banner"
          data-vote-id={vote.id}
          action={{
            label: t('vote.voteNow'),
            tone: 'primary',
            testId: 'ballot-banner-open',
            onClick: () => show(vote.id),
          }}
        >
          {t('ballot.banner', { question: vote.question })}
        </Notice>
      ))}
    </section>
  );
}
