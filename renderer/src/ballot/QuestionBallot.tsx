import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { optionIds } from '../../../shared/domain/index.js';
import type { Vote } from '../../../shared/protocol/index.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { optionLabel } from '../votes/result-bars.js';
import { useOptionText } from '../votes/use-vote-text.js';

interface Props {
  vote: Vote;
  disabled: boolean;
  onCast(choices: string[]): void;
}

/** Yes / no / abstain: one touch chooses, a confirmation sends. */
export function QuestionBallot({ vote, disabled, onCast }: Props) {
  const { t } = useTranslation();
  const text = useOptionText();
  const [pending, setPending] = useState<string | null>(null);
  return (
    <>
      <div className="ballot-options" role="group" aria-labelledby="ballot-question">
        {optionIds(vote.options).map((id) => (
          <button
            key={id}
            type="button"
            className={`ballot-option ballot-option--${id}`}
            aria-pressed={pending === id}
            disabled={disabled}
            data-testid="ballot-option"
            data-option={id}
            onClick={() => setPending(id)}
          >
            {text(optionLabel(vote.options, id))}
          </button>
        ))}
      </div>
      {pending && (
        <ConfirmDialog
          open
          title={t('ballot.confirmTitle', { choice: text(optionLabel(vote.options, pending)) })}
          body={t(`vote.kindExplain.${vote.kind}`)}
          confirmLabel={t('ballot.confirm')}
          cancelLabel={t('confirm.changeChoice')}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            setPending(null);
            onCast([pending]);
          }}
        />
      )}
    </>
  );
}
