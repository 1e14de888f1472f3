import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import type { Vote } from '../../../shared/protocol/index.js';
import { presentForVote } from '../attendance/quorum.js';
import { Countdown } from '../votes/Countdown.js';
import { useAgendaItemText } from '../votes/use-vote-text.js';

/** The vote under way, for the room: the question, who has voted so far, the time left. */
export function DisplayOpenVote({ vote, state }: { vote: Vote; state: MeetingState }) {
  const { t } = useTranslation();
  const itemText = useAgendaItemText(state.agenda)(vote.agendaItemId);
  const present = presentForVote(state.participants, vote);
  return (
    <section className="display-card display-open" data-testid="display-open-vote" data-vote-id={vote.id}>
      <p className="display-label display-card__eyebrow">
        <span className="display-live-dot" aria-hidden="true" /> {t('display.votingNow')} ·{' '}
        {t(`vote.kind.${vote.kind}`)}
      </p>
      <h2 className="display-card__question" data-testid="display-question">
        {vote.question}
      </h2>
      {itemText && <p className="display-label display-card__item">{itemText}</p>}
      <div className="display-open__numbers">
        <div className="display-number">
          <span className="display-number__value" data-testid="display-voted">
            {vote.ballotCount}
          </span>
          <span className="display-label display-number__label">{t('display.voted')}</span>
        </div>
        <span className="display-open__slash" aria-hidden="true">
          /
        </span>
        <div className="display-number">
          <span className="display-number__value" data-testid="display-present">
            {present}
          </span>
          <span className="display-label display-number__label">{t('display.present')}</span>
        </div>
        {vote.closesAt && (
          <div className="display-number display-number--time">
            <Countdown closesAt={vote.closesAt} testId="display-countdown" bare />
          </div>
        )}
      </div>
    </section>
  );
}
