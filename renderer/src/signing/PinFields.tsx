import { useTranslation } from 'react-i18next';
import { TextField } from '../components/TextField.js';

interface Props {
  pin: string;
  again: string;
  onPin(pin: string): void;
  onAgain(again: string): void;
  /** The first field's test id; the second's adds `-again`. */
  testId: string;
}

/** A new PIN and the same again: digits only, on the numeric keypad, never remembered by the browser. */
export function PinFields({ pin, again, onPin, onAgain, testId }: Props) {
  const { t } = useTranslation();
  const mismatch = again.length > 0 && again !== pin;
  return (
    <>
      <PinField
        label={t('signing.pin.new')}
        hint={t('signing.pin.hint')}
        value={pin}
        onChange={onPin}
        testId={testId}
      />
      <PinField
        label={t('signing.pin.again')}
        value={again}
        onChange={onAgain}
        error={mismatch ? t('signing.pin.mismatch') : null}
        testId={`${testId}-again`}
      />
    </>
  );
}

interface PinFieldProps {
  label: string;
  hint?: string;
  error?: string | null;
  value: string;
  onChange(value: string): void;
  testId: string;
  autoFocus?: boolean;
}

/** One PIN field: 6 to 12 digits, hidden as typed. */
export function PinField({ label, hint, error, value, onChange, testId, autoFocus }: PinFieldProps) {
  return (
    <TextField
      label={label}
      hint={hint}
      error={error}
      type="password"
      inputMode="numeric"
      autoComplete="off"
      pattern="[0-9]{6,12}"
      minLength={6}
      maxLength={12}
      required
      autoFocus={autoFocus}
      className="pin-field"
      value={value}
      // Only digits reach the field: a stray letter from a full keyboard is dropped as typed.
      onChange={(v) => onChange(v.replace(/\D/g, ''))}
      testId={testId}
    />
  );
}
