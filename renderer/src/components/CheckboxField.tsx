import { Icon } from './Icon.js';

interface Props {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  testId: string;
  /** The id of a line that explains the choice. */
  describedBy?: string;
}

/** A checkbox whose whole row is the touch target (the input covers it, the box is drawn). */
export function CheckboxField({ label, checked, onChange, testId, describedBy }: Props) {
  return (
    <label className="check">
      <input
        type="checkbox"
        className="check__input"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={describedBy}
        data-testid={testId}
      />
      <span className="check__box" aria-hidden="true">
        {checked && <Icon name="check" />}
      </span>
      <span className="check__label">{label}</span>
    </label>
  );
}
