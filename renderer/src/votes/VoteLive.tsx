import { useTranslation } from 'react-i18next';
import type { Participant, Vote } from '../../../shared/protocol/index.js';
import { presentForVote } from '../attendance/quorum.js';
import { Countdown } from './Countdown.js';

/** An open vote as it runs: how many have voted, the time left, and (named votes) who. */
export function VoteLive({ vote, participants }: { vote: Vote; participants: readonly Participant[] }) {
  const { t } = useTranslation();
  const present = presentForVote(participants, vote);
  const names = new Map(participants.map((p) => [p.userId, p.displayName]));
  const voters = (vote.voterIds ?? []).map((id) => names.get(id) ?? id).sort((a, b) => a.localeCompare(b, 'vi'));
  const share = present > 0 ? Math.min(100, (vote.ballotCount / present) * 100) : 0;
  return (
    <div className="vote-live">
      <div className="vote-live__line">
        <p
          className="vote-live__progress"
          data-testid="vote-progress"
          data-voted={vote.ballotCount}
          data-present={present}
        >
          {t('vote.progress', { voted: vote.ballotCount, count: present })}
        </p>
        {vote.closesAt && <Countdown closesAt={vote.closesAt} />}
      </div>
      <div className="progress" aria-hidden="true">
        <span className="progress__fill" style={{ width: `${share}%` }} />
      </div>
      {vote.voterIds && (
        <div className="vote-live__voters" data-testid="vote-voters">
          <span className="vote-live__voters-title">{t('vote.voters')}:</span>{' '}
          {voters.length === 0 ? (
            <span className="muted">{t('vote.noVoters')}</span>
          ) : (
            voters.map((name, i) => (
              <span key={`${i}-${name}`} className="name-chip" data-testid="vote-voter">
                {name}
              </span>
            ))
          )}
        </div>
      )}
    </div>
  );
}
