import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { hasVote } from '../../../shared/domain/index.js';
import type { Vote } from '../../../shared/protocol/index.js';
import { MyBallotStatus } from './MyBallotStatus.js';
import { VoteCancelledNote } from './VoteCancelledNote.js';
import { VoteHeading } from './VoteHeading.js';
import { VoteLive } from './VoteLive.js';
import { VoteResultView } from './VoteResultView.js';

/** One vote as every participant follows it: live while open, the result once published, or why it was cancelled. */
export function VoteCard({ vote, state }: { vote: Vote; state: MeetingState }) {
  const { t } = useTranslation();
  return (
    <li className="vote-card" data-testid="vote-card" data-vote-id={vote.id} data-status={vote.status}>
      <VoteHeading vote={vote} agenda={state.agenda} />
      {vote.status === 'open' && (
        <>
          <VoteLive vote={vote} participants={state.participants} />
          {hasVote(state.myRole) && <MyBallotStatus vote={vote} voted={state.myBallots.includes(vote.id)} />}
        </>
      )}
      {vote.status === 'closed' && <p className="vote-card__note">{t('vote.awaitingResult')}</p>}
      {vote.status === 'published' && <VoteResultView vote={vote} />}
      {vote.status === 'cancelled' && <VoteCancelledNote vote={vote} meetingStartsAt={state.meeting.startsAt} />}
    </li>
  );
}
