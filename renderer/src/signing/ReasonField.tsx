import { useId } from 'react';
import { CharacterCounter } from '../components/CharacterCounter.js';
import { Field } from '../components/Field.js';

interface Props {
  label: string;
  hint?: string;
  value: string;
  maxLength: number;
  onChange(value: string): void;
  testId: string;
}

/** A required reason, typed in a dialog (a revocation, a rejection). */
export function ReasonField({ label, hint, value, maxLength, onChange, testId }: Props) {
  const hintId = useId();
  const counterId = useId();
  return (
    <Field label={label} hint={hint} hintId={hintId}>
      <textarea
        className="input dialog__reason"
        rows={3}
        maxLength={maxLength}
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={hint ? `${hintId} ${counterId}` : counterId}
        data-testid={testId}
      />
      <CharacterCounter value={value} max={maxLength} id={counterId} testId={`${testId}-counter`} />
    </Field>
  );
}
