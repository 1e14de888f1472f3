import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { DateParts, DateTimeParts, TimeParts } from '../format/date-parts.js';

type Part = keyof DateTimeParts;

interface Frame {
  label: string;
  className?: string;
  hint?: string;
  /** What is wrong with the value, under the fields; every field points at it. */
  error?: string | null;
  readOnly?: boolean;
  /** The day field: a form moves the focus there when the value is refused. */
  firstRef?: Ref<HTMLInputElement>;
  /** The group's test id; each field's is `${testId}-day`, `-month`, `-year`, `-hour`, `-minute`. */
  testId: string;
}

const WIDTH: Record<Part, number> = { day: 2, month: 2, year: 4, hour: 2, minute: 2 };

/**
 * A date in the UI's own words and order, day/month/year, instead of `<input type="date">`,
 * which speaks the browser's language and orders the parts by its locale. Each part is a
 * labelled numeric field, as tall as a touch target, reached with Tab and typed on the
 * number pad; the form reads the parts with `readDate` and says what is wrong itself.
 */
export function DateField(props: Frame & { value: DateParts; onChange(value: DateParts): void }) {
  return <PartsField {...props} parts={['day', 'month', 'year']} />;
}

/** A date and a 24-hour time: day/month/year hour:minute. */
export function DateTimeField(props: Frame & { value: DateTimeParts; onChange(value: DateTimeParts): void }) {
  return <PartsField {...props} parts={['day', 'month', 'year', 'hour', 'minute']} />;
}

/** The date's parts, and the time's apart. */
function groupsOf<P extends Part>(parts: ReadonlyArray<P>): P[][] {
  const isTime = (p: Part) => p === 'hour' || p === 'minute';
  return [parts.filter((p) => !isTime(p)), parts.filter(isTime)].filter((g) => g.length > 0);
}

function PartsField<V extends DateParts | (DateParts & TimeParts)>({
  label,
  className,
  hint,
  error,
  readOnly,
  firstRef,
  testId,
  value,
  onChange,
  parts,
}: Frame & { value: V; onChange(value: V): void; parts: ReadonlyArray<keyof V & Part> }) {
  const { t } = useTranslation();
  const hintId = useId();
  const errorId = useId();
  const described = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      className={className ? `field date-picker ${className}` : 'field date-picker'}
      aria-describedby={described}
      data-testid={testId}
    >
      <legend className="field__label">{label}</legend>
      <div className="date-picker__parts">
        {groupsOf(parts).map((group) => (
          // The date and the time each stay on one line; on a narrow screen the time goes under the date whole.
          <span key={group[0]} className="date-picker__group">
            {group.map((part) => (
              <label key={part} className="date-picker__part">
                <span className="field__hint">{t(`picker.${part}`)}</span>
                <span className="date-picker__entry">
                  {part !== 'day' && part !== 'hour' && (
                    <span className="date-picker__separator" aria-hidden="true">
                      {part === 'minute' ? ':' : '/'}
                    </span>
                  )}
                  <input
                    ref={part === parts[0] ? firstRef : undefined}
                    className={`input date-picker__input date-picker__input--${WIDTH[part]}`}
                    inputMode="numeric"
                    autoComplete="off"
                    maxLength={WIDTH[part]}
                    readOnly={readOnly}
                    value={value[part] as string}
                    onChange={(e) => onChange({ ...value, [part]: e.target.value.replace(/\D/g, '') })}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={described}
                    data-testid={`${testId}-${part}`}
                  />
                </span>
              </label>
            ))}
          </span>
        ))}
      </div>
      {hint && (
        <span id={hintId} className="field__hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="field__hint field__hint--error" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </fieldset>
  );
}
