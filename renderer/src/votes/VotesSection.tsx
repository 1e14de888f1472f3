import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { Panel } from '../components/Panel.js';
import { VoteCard } from './VoteCard.js';
import { readerOrder } from './vote-order.js';

/** The meeting's votes for those who do not run them: open ones first, then results. */
export function VotesSection({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  const votes = readerOrder(state.votes);
  return (
    <Panel title={t('vote.sectionTitle')} headingId="votes-heading" testId="votes-section">
      {votes.length === 0 ? (
        <p className="empty" data-testid="votes-empty">
          {t('vote.empty')}
        </p>
      ) : (
        <ul className="vote-list">
          {votes.map((vote) => (
            <VoteCard key={vote.id} vote={vote} state={state} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
