import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { Panel } from '../components/Panel.js';
import { consoleOrder } from './vote-order.js';
import { NewVoteForm } from './NewVoteForm.js';
import { VoteAdminRow } from './VoteAdminRow.js';

/** The chair's console: make a vote, run it (open, close, publish or cancel), watch it live. */
export function VoteConsole({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const votes = consoleOrder(state.votes);
  const active = votes.filter((v) => v.status !== 'cancelled');
  const cancelled = votes.filter((v) => v.status === 'cancelled');
  return (
    <Panel
      title={t('vote.consoleTitle')}
      headingId="vote-console-heading"
      testId="vote-console"
      className="vote-console"
      aside={
        !creating && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => setCreating(true)}
            data-testid="new-vote-button"
          >
            + {t('voteForm.new')}
          </button>
        )
      }
    >
      {creating && (
        <NewVoteForm
          meetingId={state.meeting.id}
          agenda={state.agenda}
          defaults={state.meeting.voteDefaults}
          currentItemId={state.session.currentItemId}
          onDone={() => setCreating(false)}
        />
      )}
      {active.length === 0 ? (
        <p className="empty" data-testid="votes-empty">
          {t('vote.empty')}
        </p>
      ) : (
        <ul className="vote-list">
          {active.map((vote) => (
            <VoteAdminRow key={vote.id} vote={vote} state={state} />
          ))}
        </ul>
      )}
      {cancelled.length > 0 && (
        <details className="vote-console__cancelled">
          <summary>
            {t('vote.status.cancelled')} ({cancelled.length})
          </summary>
          <ul className="vote-list">
            {cancelled.map((vote) => (
              <VoteAdminRow key={vote.id} vote={vote} state={state} />
            ))}
          </ul>
        </details>
      )}
    </Panel>
  );
}
