import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { textLength } from './minutes-merge.js';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  /** The schema's bound, in letters (NFC): the counter shows it. */
  max: number;
  testId: string;
  readOnly: boolean;
  multiline?: boolean;
  /** Show the counter only near the bound (short lines). */
  counterFrom?: number;
  className?: string;
}

/**
 * A text field of the minutes. Controlled, and the value is never rewritten while typing: a
 * Vietnamese input method (Telex, VNI) composes a letter over several keys and replaces what it
 * wrote, so normalising or trimming here would move the caret or break the word being composed.
 * The server normalises (NFC) and trims on save. No `maxLength` either: the browser counts
 * UTF-16 units of the text being composed and would cut a word in the middle; the counter says
 * when the text is too long, and the save is refused with the field named.
 */
export function MinutesField({
  label,
  value,
  onChange,
  max,
  testId,
  readOnly,
  multiline = false,
  counterFrom = 0,
  className,
}: Props) {
  const { t } = useTranslation();
  const counterId = useId();
  const length = textLength(value);
  const over = length > max;
  const showCounter = !readOnly && (over || length >= counterFrom * max);
  const common = {
    className: multiline ? 'input minutes-field__area' : 'input',
    value,
    readOnly,
    'aria-invalid': over ? true : undefined,
    'aria-describedby': showCounter ? counterId : undefined,
    'data-testid': testId,
  } as const;
  return (
    <label className={className ? `field minutes-field ${className}` : 'field minutes-field'}>
      <span className="field__label">{label}</span>
      {multiline ? (
        <textarea {...common} rows={5} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(e) => onChange(e.target.value)} />
      )}
      {showCounter && (
        <span
          id={counterId}
          className={
            over ? 'field__hint field__hint--error minutes-field__counter' : 'field__hint minutes-field__counter'
          }
          data-testid={`${testId}-counter`}
        >
          {t('minutes.counter', { n: length, max })}
        </span>
      )}
    </label>
  );
}
