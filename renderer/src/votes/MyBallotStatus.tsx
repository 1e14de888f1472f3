import { useTranslation } from 'react-i18next';
import type { Vote } from '../../../shared/protocol/index.js';
import { useBallots } from '../ballot/BallotContext.js';

/** Beside an open vote, for someone with a vote: whether they voted, and a way to (re)vote. */
export function MyBallotStatus({ vote, voted }: { vote: Vote; voted: boolean }) {
  const { t } = useTranslation();
  const { show } = useBallots();
  if (vote.status !== 'open') return null;
  return (
    <div className={`my-ballot my-ballot--${voted ? 'done' : 'due'}`} data-testid="my-ballot" data-voted={voted}>
      <span className="my-ballot__text">{voted ? t('vote.youVoted') : t('vote.youHaveNotVoted')}</span>
      {voted ? (
        vote.allowChange && (
          <button type="button" className="button" data-testid="my-ballot-change" onClick={() => show(vote.id)}>
            {t('vote.changeVote')}
          </button>
        )
      ) : (
        <button
          type="button"
          className="button button--primary"
          data-testid="my-ballot-vote"
          onClick={() => show(vote.id)}
        >
          {t('vote.voteNow')}
        </button>
      )}
    </div>
  );
}
