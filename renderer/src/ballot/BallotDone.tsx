import { useTranslation } from 'react-i18next';
import type { ProtocolError } from '../../../shared/protocol/index.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { useChoicesText } from '../votes/use-vote-text.js';
import type { BallotDue, BallotView } from './ballot-queue.js';
import { useBallots } from './BallotContext.js';
import { Icon } from '../components/Icon.js';

/** After the ballot left: recorded, waiting for the connection, or too late. */
export function BallotDone({
  due,
  view,
  error,
}: {
  due: BallotDue;
  view: Exclude<BallotView, 'choosing'>;
  error: ProtocolError | null;
}) {
  const { t } = useTranslation();
  const { update } = useBallots();
  const choicesText = useChoicesText();
  const { vote, local } = due;
  const chose =
    local?.choices && local.choices.length > 0
      ? t('ballot.yourChoice', { choice: choicesText(vote, local.choices) })
      : null;

  if (view === 'recorded') {
    return (
      <div className="ballot-panel__body">
        <p className="ballot-done ballot-done--ok" role="status" data-testid="ballot-recorded">
          <span className="ballot-done__mark" aria-hidden="true">
            <Icon name="check" />
          </span>
          {t('ballot.recorded')}
        </p>
        {chose && <p className="ballot-done__choice">{chose}</p>}
        {vote.allowChange && vote.status === 'open' && (
          <button
            type="button"
            className="button button--big"
            data-testid="ballot-change"
            onClick={() => update(vote.id, { phase: 'choosing' })}
          >
            {t('vote.changeVote')}
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="ballot-panel__body">
      {view === 'queued' ? (
        <p className="ballot-done ballot-done--queued" role="status" data-testid="ballot-queued">
          {t('ballot.queued')}
        </p>
      ) : (
        <p className="ballot-done ballot-done--ended" data-testid="ballot-ended">
          {t('ballot.ended')}
        </p>
      )}
      {chose && <p className="ballot-done__choice">{chose}</p>}
      <ErrorMessage error={error} testId="ballot-error" />
    </div>
  );
}
