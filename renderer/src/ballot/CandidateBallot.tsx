import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ABSTAIN, isValidBallot } from '../../../shared/domain/index.js';
import type { Vote } from '../../../shared/protocol/index.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { useChoicesText } from '../votes/use-vote-text.js';
import { Icon } from '../components/Icon.js';

interface Props {
  vote: Vote;
  disabled: boolean;
  onCast(choices: string[]): void;
}

/** An election: touch candidates on and off (up to the seats), or abstain; then send. */
export function CandidateBallot({ vote, disabled, onCast }: Props) {
  const { t } = useTranslation();
  const choicesText = useChoicesText();
  const [chosen, setChosen] = useState<string[]>([]);
  const [asking, setAsking] = useState(false);
  if (vote.options.type !== 'candidates') return null;
  const { candidates, seats } = vote.options;
  const abstaining = chosen.includes(ABSTAIN);
  const full = !abstaining && chosen.length >= seats;

  function toggle(id: string) {
    setChosen((prev) => {
      if (id === ABSTAIN) return prev.includes(ABSTAIN) ? [] : [ABSTAIN];
      const named = prev.filter((c) => c !== ABSTAIN);
      if (named.includes(id)) return named.filter((c) => c !== id);
      return named.length < seats ? [...named, id] : named;
    });
  }

  const option = (id: string, label: string, extra = '') => {
    const on = chosen.includes(id);
    return (
      <button
        key={id}
        type="button"
        className={`ballot-option ballot-option--toggle${extra}`}
        aria-pressed={on}
        disabled={disabled || (!on && full && id !== ABSTAIN)}
        data-testid="ballot-option"
        data-option={id}
        onClick={() => toggle(id)}
      >
        <span className="ballot-option__check" aria-hidden="true">
          {on && <Icon name="check" />}
        </span>
        {label}
      </button>
    );
  };

  return (
    <>
      <p className="ballot-panel__hint">
        {t('ballot.chooseUpTo', { count: seats })}{' '}
        <strong data-testid="ballot-selected">
          {t('ballot.selected', { n: abstaining ? 0 : chosen.length, seats })}
        </strong>
      </p>
      <div className="ballot-options ballot-options--candidates" role="group" aria-labelledby="ballot-question">
        {candidates.map((c) => option(c.id, c.name))}
        {option(ABSTAIN, t('vote.option.abstain'), ' ballot-option--abstain')}
      </div>
      <button
        type="button"
        className="button button--primary button--big ballot-panel__submit"
        disabled={disabled || !isValidBallot(vote.options, chosen)}
        data-testid="ballot-submit"
        onClick={() => setAsking(true)}
      >
        {t('ballot.submit')}
      </button>
      {asking && (
        <ConfirmDialog
          open
          title={t('ballot.confirmTitle', { choice: choicesText(vote, chosen) })}
          body={t(`vote.kindExplain.${vote.kind}`)}
          confirmLabel={t('ballot.confirm')}
          cancelLabel={t('confirm.changeChoice')}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            onCast(chosen);
          }}
        />
      )}
    </>
  );
}
