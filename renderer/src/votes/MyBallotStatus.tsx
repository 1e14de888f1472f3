import { useTranslation } from 'react-i18next';
import type { Vote } from '../../../shared/protocol/index.js';
import { useBallots } from '../ballot/BallotContext.js';
import { Notice, type NoticeAction } from '../components/Notice.js';

/** Beside an open vote, for someone with a vote: whether they voted, and a way to (re)vote. */
export function MyBallotStatus({ vote, voted }: { vote: Vote; voted: boolean }) {
  const { t } = useTranslation();
  const { show } = useBallots();
  if (vote.status !== 'open') return null;
  const action: NoticeAction | null = !voted
    ? { label: t('vote.voteNow'), tone: 'primary', testId: 'my-ballot-vote', onClick: () => show(vote.id) }
    : vote.allowChange
      ? { label: t('vote.changeVote'), testId: 'my-ballot-change', onClick: () => show(vote.id) }
      : null;
  return (
    <Notice
      block="my-ballot"
      className={`my-ballot--${voted ? 'done' : 'due'}`}
      testId="my-ballot"
      data-voted={voted}
      action={action}
    >
      {voted ? t('vote.youVoted') : t('vote.youHaveNotVoted')}
    </Notice>
  );
}
