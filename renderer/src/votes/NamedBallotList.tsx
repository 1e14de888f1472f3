import { useTranslation } from 'react-i18next';
import type { Vote, VoteResult } from '../../../shared/protocol/index.js';
import { useChoicesText } from './use-vote-text.js';

type Named = NonNullable<VoteResult['named']>;

/** A named vote's published list: who chose what. */
export function NamedBallotList({ vote, named }: { vote: Vote; named: Named }) {
  const { t } = useTranslation();
  const choices = useChoicesText();
  return (
    <div className="named-list" data-testid="result-named">
      <h4 className="named-list__title">{t('result.named')}</h4>
      <ul className="named-list__rows">
        {named.map((row) => (
          <li key={row.userId} className="named-list__row" data-testid="result-named-row" data-user-id={row.userId}>
            <span className="named-list__name">{row.displayName}</span>
            <span className="named-list__choice" data-testid="result-named-choice" data-choices={row.choices.join(' ')}>
              {choices(vote, row.choices)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
