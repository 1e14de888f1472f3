import { useTranslation } from 'react-i18next';
import { isTiedQuestion, shownOutcome } from '../../../shared/domain/index.js';
import type { Vote, VoteResult } from '../../../shared/protocol/index.js';
import { ResultSignature } from '../signing/ResultSignature.js';
import { NamedBallotList } from './NamedBallotList.js';
import { didNotVote, optionLabel, resultBars } from './result-bars.js';
import { useOptionText } from './use-vote-text.js';
import { VoteResultChart } from './VoteResultChart.js';

interface Props {
  vote: Vote;
  /** A result not yet published, which those who run the vote fetch for themselves. */
  result?: VoteResult | null;
  large?: boolean;
}

/** A vote's result: the outcome, the chart, the numbers, and (named votes) who chose what. */
export function VoteResultView({ vote, result: preview, large = false }: Props) {
  const { t } = useTranslation();
  const text = useOptionText();
  const result = preview ?? vote.result;
  if (!result) return null;
  const election = vote.options.type === 'candidates';
  // A question is adopted or not; older results stored a tie as its own outcome.
  const shown = shownOutcome(election ? 'election' : 'question', result.outcome.outcome);
  const outcome = { ...result.outcome, outcome: shown };
  const tiedNote = !election && shown === 'rejected' && isTiedQuestion(result.tally);
  const names = (ids: readonly string[]) => ids.map((id) => text(optionLabel(vote.options, id))).join(', ');
  const facts: Array<[string, string, string]> = [
    ['result-ballots', t('result.ballots'), String(result.ballots)],
    ['result-present', t('result.present'), String(result.present)],
    ['result-members', t('result.members'), String(result.members)],
    [
      'result-votes-required',
      election ? t('result.votesRequiredElection') : t('result.votesRequired'),
      outcome.votesRequired !== null
        ? String(outcome.votesRequired)
        : election
          ? t('result.votesRequiredPlurality')
          : t('result.votesRequiredSimple'),
    ],
    [
      'result-quorum-required',
      t('result.quorumRequired'),
      // No quorum asked: a "0" read as a count of people confuses.
      outcome.quorumRequired > 0 ? String(outcome.quorumRequired) : t('result.quorumNotRequired'),
    ],
  ];
  return (
    <div
      className={large ? 'vote-result vote-result--large' : 'vote-result'}
      data-testid="vote-result"
      data-vote-id={vote.id}
    >
      <div
        className={`result-outcome result-outcome--${outcome.outcome}`}
        data-testid="result-outcome"
        data-outcome={outcome.outcome}
      >
        <span className="result-outcome__word">{t(`result.outcome.${outcome.outcome}`)}</span>
        {tiedNote && (
          <span className="result-outcome__note" data-testid="result-tied-note">
            {t('result.tiedNote')}
          </span>
        )}
        {outcome.elected.length > 0 && (
          <span className="result-outcome__names" data-testid="result-elected">
            {t('result.elected', { names: names(outcome.elected) })}
          </span>
        )}
        {outcome.tied.length > 0 && (
          <span className="result-outcome__names" data-testid="result-tied">
            {t('result.tied', { names: names(outcome.tied) })}
          </span>
        )}
      </div>
      <VoteResultChart
        bars={resultBars(vote.options, result)}
        didNotVote={didNotVote(result)}
        members={result.members}
      />
      <dl className="result-facts">
        {facts.map(([id, label, value]) => (
          <div key={id} className="result-facts__item">
            <dt>{label}</dt>
            <dd data-testid={id} className={/^\d+$/.test(value) ? undefined : 'result-facts__text'}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {result.named && result.named.length > 0 && <NamedBallotList vote={vote} named={result.named} />}
      {vote.status === 'published' && vote.resultSignature && (
        <ResultSignature voteId={vote.id} signature={vote.resultSignature} badgeOnly={large} />
      )}
    </div>
  );
}
