import { useId, type ComponentProps } from 'react';
import { describedBy, Field, type FieldFrame } from './Field.js';

export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

type SelectProps = Omit<ComponentProps<'select'>, 'value' | 'onChange' | 'className' | 'children'>;

interface Props<T extends string> extends Omit<FieldFrame, 'quietLabel'>, SelectProps {
  value: T;
  options: ReadonlyArray<SelectOption<T>>;
  onChange(value: T): void;
  testId: string;
}

/** A labelled drop-down whose values are one string type (a rule, a role, an id). */
export function SelectField<T extends string>(props: Props<T>) {
  const { label, className, hint, error, value, options, onChange, testId, ...select } = props;
  const hintId = useId();
  const errorId = useId();
  return (
    <Field label={label} className={className} hint={hint} hintId={hintId} error={error} errorId={errorId}>
      <select
        {...select}
        className="input"
        value={value}
        // The options are the only values the select can hold.
        onChange={(e) => onChange(e.target.value as T)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hintId, hint, errorId, error)}
        data-testid={testId}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
