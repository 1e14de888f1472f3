import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { hasVote } from '../../../shared/domain/index.js';
import type { Vote } from '../../../shared/protocol/index.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { MyBallotStatus } from './MyBallotStatus.js';
import { NewVoteForm } from './NewVoteForm.js';
import { usePrivateResult } from './use-private-result.js';
import { VoteActions } from './VoteActions.js';
import { VoteCancelledNote } from './VoteCancelledNote.js';
import { VoteHeading } from './VoteHeading.js';
import { VoteLive } from './VoteLive.js';
import { VoteResultView } from './VoteResultView.js';

/** One vote in the chair's console: what it is, how it runs, and the next step. */
export function VoteAdminRow({ vote, state }: { vote: Vote; state: MeetingState }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const preview = usePrivateResult(vote);
  // Another manager may open the draft meanwhile: the form goes, the vote as it runs shows.
  const editable = editing && vote.status === 'draft';
  return (
    <li
      className={`vote-card vote-card--${vote.status}`}
      data-testid="vote-row"
      data-vote-id={vote.id}
      data-status={vote.status}
    >
      {editable ? (
        <NewVoteForm
          meetingId={vote.meetingId}
          agenda={state.agenda}
          defaults={state.meeting.voteDefaults}
          editing={vote}
          onDone={() => setEditing(false)}
        />
      ) : (
        <VoteHeading vote={vote} agenda={state.agenda} />
      )}
      {vote.status === 'open' && <VoteLive vote={vote} participants={state.participants} />}
      {vote.status === 'closed' && (
        <div className="private-result" data-testid="vote-private-result" data-loaded={preview.result !== null}>
          <p className="private-result__label" data-testid="vote-private-label">
            {state.meeting.voteManagers.length > 1 ? t('vote.privateResultManagers') : t('vote.privateResult')}
          </p>
          {preview.result ? (
            <VoteResultView vote={vote} result={preview.result} />
          ) : (
            !preview.error && <p className="vote-card__note">{t('vote.loadingResult')}</p>
          )}
          <ErrorMessage error={preview.error} testId="vote-private-error" />
        </div>
      )}
      {vote.status === 'published' && <VoteResultView vote={vote} />}
      {vote.status === 'cancelled' && <VoteCancelledNote vote={vote} meetingStartsAt={state.meeting.startsAt} />}
      {!editable && <VoteActions vote={vote} preview={preview} onEdit={() => setEditing(true)} />}
      {vote.status === 'open' && hasVote(state.myRole) && (
        <MyBallotStatus vote={vote} voted={state.myBallots.includes(vote.id)} />
      )}
    </li>
  );
}
