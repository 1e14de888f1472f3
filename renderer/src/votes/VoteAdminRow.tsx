import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { hasVote } from '../../../shared/domain/index.js';
import type { Vote } from '../../../shared/protocol/index.js';
import { MyBallotStatus } from './MyBallotStatus.js';
import { VoteActions } from './VoteActions.js';
import { VoteHeading } from './VoteHeading.js';
import { VoteLive } from './VoteLive.js';
import { VoteResultView } from './VoteResultView.js';

/** One vote in the chair's console: what it is, how it runs, and the next step. */
export function VoteAdminRow({ vote, state }: { vote: Vote; state: MeetingState }) {
  const { t } = useTranslation();
  return (
    <li
      className={`vote-card vote-card--${vote.status}`}
      data-testid="vote-row"
      data-vote-id={vote.id}
      data-status={vote.status}
    >
      <VoteHeading vote={vote} agenda={state.agenda} />
      {vote.status === 'open' && <VoteLive vote={vote} participants={state.participants} />}
      {vote.status === 'closed' && <p className="vote-card__note">{t('vote.awaitingResult')}</p>}
      {vote.status === 'published' && <VoteResultView vote={vote} />}
      <VoteActions vote={vote} />
      {vote.status === 'open' && hasVote(state.myRole) && (
        <MyBallotStatus vote={vote} voted={state.myBallots.includes(vote.id)} />
      )}
    </li>
  );
}
