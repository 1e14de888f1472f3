interface Props<T extends string> {
  legend: string;
  name: string;
  /** Null: nothing chosen yet (a question the person must answer themselves). */
  value: T | null;
  choices: ReadonlyArray<{ value: T; label: string }>;
  onChange(value: T): void;
  testId: string;
}

/**
 * Radio buttons drawn as large segments: each input covers its whole label, so the
 * touch target is the segment, not a 13-pixel circle. Each segment draws a radio mark: the
 * chosen one reads as selected, not as a button that was pressed (or a form already sent).
 */
export function ChoiceGroup<T extends string>({ legend, name, value, choices, onChange, testId }: Props<T>) {
  return (
    <fieldset className="choice-group" data-testid={testId}>
      <legend className="field__label">{legend}</legend>
      <div className="choice-group__options">
        {choices.map((c) => (
          <label key={c.value} className="choice">
            <input
              type="radio"
              className="choice__input"
              name={name}
              value={c.value}
              checked={value === c.value}
              onChange={() => onChange(c.value)}
              data-testid={`${testId}-${c.value}`}
            />
            <span className="choice__label">{c.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
