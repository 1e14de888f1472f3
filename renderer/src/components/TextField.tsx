import { useId, type ComponentProps } from 'react';
import { CharacterCounter } from './CharacterCounter.js';
import { describedBy, Field, type FieldFrame } from './Field.js';

type InputProps = Omit<ComponentProps<'input'>, 'value' | 'onChange' | 'className' | 'children'>;

interface Props extends FieldFrame, InputProps {
  value: string;
  onChange(value: string): void;
  testId: string;
}

/**
 * A labelled text, number, date or password input; other input attributes pass through. A
 * `maxLength` brings its counter.
 */
export function TextField({ label, className, hint, error, quietLabel, value, onChange, testId, ...input }: Props) {
  const hintId = useId();
  const errorId = useId();
  const counterId = useId();
  const max = input.maxLength;
  const description = [describedBy(hintId, hint, errorId, error), max ? counterId : null].filter(Boolean).join(' ');
  return (
    <Field
      label={label}
      className={className}
      hint={hint}
      hintId={hintId}
      error={error}
      errorId={errorId}
      quietLabel={quietLabel}
    >
      <input
        {...input}
        className="input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={description || undefined}
        data-testid={testId}
      />
      {max !== undefined && <CharacterCounter value={value} max={max} id={counterId} testId={`${testId}-counter`} />}
    </Field>
  );
}
