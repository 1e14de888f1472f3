import type { AgendaItem, Vote } from '../../../shared/protocol/index.js';
import { useAgendaItemText, useVoteRulesText } from './use-vote-text.js';
import { VoteStatusBadge } from './VoteStatusBadge.js';

/** Status, question, agenda item and rules of a vote: the same in the console and for readers. */
export function VoteHeading({ vote, agenda }: { vote: Vote; agenda: readonly AgendaItem[] }) {
  const itemText = useAgendaItemText(agenda)(vote.agendaItemId);
  const rules = useVoteRulesText()(vote);
  return (
    <div className="vote-heading">
      <VoteStatusBadge status={vote.status} />
      <h3 className="vote-heading__question" data-testid="vote-question">
        {vote.question}
      </h3>
      {itemText && (
        <p className="vote-heading__item" data-testid="vote-agenda-item">
          {itemText}
        </p>
      )}
      <p className="vote-heading__rules" data-testid="vote-rules">
        {rules}
      </p>
    </div>
  );
}
