import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_MESSAGE_TEXT } from '../../../shared/protocol/index.js';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  testId: string;
  placeholder?: string;
}

/** A message's words, with how many characters are left (the server refuses more than it keeps). */
export function MessageText({ label, value, onChange, testId, placeholder }: Props) {
  const { t } = useTranslation();
  const counterId = useId();
  const over = value.length > MAX_MESSAGE_TEXT;
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      <textarea
        className="input message-text"
        rows={4}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={counterId}
        aria-invalid={over ? true : undefined}
        data-testid={testId}
      />
      <span
        id={counterId}
        className={over ? 'field__hint field__hint--error' : 'field__hint'}
        data-testid={`${testId}-counter`}
      >
        {t('messages.counter', { n: value.length, max: MAX_MESSAGE_TEXT })}
      </span>
    </label>
  );
}
