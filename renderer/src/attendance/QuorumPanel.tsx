import { useTranslation } from 'react-i18next';
import type { Participant, Vote } from '../../../shared/protocol/index.js';
import { Panel } from '../components/Panel.js';
import { countAttendance, presentForVote, quorumState } from './quorum.js';

interface Props {
  participants: readonly Participant[];
  votes: readonly Vote[];
  /** Whether the session has started: before it, a quorum not yet reached is no alarm. */
  started: boolean;
}

/**
 * Live for the chair and the secretary: members present against the session's quorum. Before
 * the session starts, "not yet" is neutral (members are still arriving); red once it runs.
 */
export function QuorumPanel({ participants, votes, started }: Props) {
  const { t } = useTranslation();
  const count = countAttendance(participants);
  const session = quorumState(count);
  const open = votes.filter((v) => v.status === 'open');
  const flag = session.reached ? 'ok' : started ? 'no' : 'waiting';
  return (
    <Panel
      title={t('quorum.title')}
      headingId="quorum-heading"
      testId="quorum-panel"
      className="quorum-panel"
      data-reached={session.reached}
      aside={
        <span className={`quorum-flag quorum-flag--${flag}`} data-testid="quorum-status" data-flag={flag}>
          {session.reached ? t('quorum.reached') : started ? t('quorum.notReached') : t('quorum.notYet')}
        </span>
      }
    >
      <p className="quorum-panel__count">
        <span className="quorum-panel__number">
          <span data-testid="quorum-present">{count.present}</span>/
          <span data-testid="quorum-members">{count.members}</span>
        </span>
        <span className="quorum-panel__label">{t('quorum.membersPresent')}</span>
      </p>
      <p className="panel__hint" data-testid="quorum-required" data-required={session.required}>
        {t('quorum.required', { count: session.required })} {t('quorum.membersHint')}
      </p>
      {open.length > 0 && (
        <ul className="quorum-panel__votes">
          {open.map((vote) => {
            // Who voted counts as present for this vote, as the server counts its quorum.
            const own = quorumState({ ...count, present: presentForVote(participants, vote) }, vote.quorum);
            return (
              <li key={vote.id} data-testid="quorum-vote" data-vote-id={vote.id} data-reached={own.reached}>
                <span className={`quorum-dot quorum-dot--${own.reached ? 'ok' : 'no'}`} aria-hidden="true" />
                {t('quorum.forVote', {
                  question: vote.question,
                  rule: t(`quorum.rule.${vote.quorum}`),
                  count: own.required,
                })}
                {' — '}
                <strong>{own.reached ? t('quorum.reached') : t('quorum.notReached')}</strong>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
