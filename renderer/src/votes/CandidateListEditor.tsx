import { CharacterCounter } from '../components/CharacterCounter.js';
import { useTranslation } from 'react-i18next';
import { TextField } from '../components/TextField.js';
import { nextCandidateId, type CandidateField } from './vote-form.js';

interface Props {
  candidates: readonly CandidateField[];
  seats: string;
  onCandidates(next: CandidateField[]): void;
  onSeats(seats: string): void;
}

/** The candidates of an election, added and removed one by one, and the seats to fill. */
export function CandidateListEditor({ candidates, seats, onCandidates, onSeats }: Props) {
  const { t } = useTranslation();
  const rename = (id: string, name: string) => onCandidates(candidates.map((c) => (c.id === id ? { ...c, name } : c)));
  return (
    <fieldset className="candidates field--full" data-testid="vote-form-candidates">
      <legend className="field__label">{t('voteForm.candidates')}</legend>
      <ol className="candidates__list">
        {candidates.map((c, i) => (
          <li key={c.id} className="candidates__row" data-testid="vote-form-candidate">
            <input
              className="input"
              value={c.name}
              maxLength={200}
              aria-label={t('voteForm.candidateName', { n: i + 1 })}
              placeholder={t('voteForm.candidateName', { n: i + 1 })}
              onChange={(e) => rename(c.id, e.target.value)}
              data-testid="vote-form-candidate-name"
            />
            <CharacterCounter value={c.name} max={200} onlyNear />
            <button
              type="button"
              className="button button--danger-quiet"
              aria-label={t('voteForm.removeCandidateAria', { n: i + 1 })}
              onClick={() => onCandidates(candidates.filter((x) => x.id !== c.id))}
              data-testid="vote-form-candidate-remove"
            >
              {t('voteForm.removeCandidate')}
            </button>
          </li>
        ))}
      </ol>
      <div className="candidates__foot">
        <button
          type="button"
          className="button"
          onClick={() => onCandidates([...candidates, { id: nextCandidateId(candidates), name: '' }])}
          data-testid="vote-form-candidate-add"
        >
          + {t('voteForm.addCandidate')}
        </button>
        <TextField
          label={t('voteForm.seats')}
          className="candidates__seats"
          type="number"
          min={1}
          max={Math.max(1, candidates.length)}
          value={seats}
          onChange={onSeats}
          testId="vote-form-seats"
        />
      </div>
    </fieldset>
  );
}
