import { useEffect, useRef, useState } from 'react';
import { DateField } from '../components/DateTimeField.js';
import { datePartsOf, readDate, type DateParts } from '../format/date-parts.js';
import { dateProblem, useProblemText } from '../forms/field-rules.js';

interface Props {
  label: string;
  /** The minutes' date, YYYY-MM-DD (or what was typed, while it is not a date yet). */
  value: string;
  onChange(value: string): void;
  readOnly: boolean;
  testId: string;
}

/**
 * The minutes' date in the UI's own picker. A date that does not exist yet (a part missing,
 * 31/02) is kept as typed in the draft, so the save is refused with the field named, and is
 * said wrong here at once.
 */
export function MinutesDateField({ label, value, onChange, readOnly, testId }: Props) {
  const problemText = useProblemText();
  const [parts, setParts] = useState<DateParts>(() => datePartsOf(value));
  const emitted = useRef(value);
  // A newer draft loaded, or the pre-fill taken: show its date.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setParts(datePartsOf(value));
    }
  }, [value]);
  const read = readDate(parts);
  function change(next: DateParts) {
    setParts(next);
    const nextRead = readDate(next);
    emitted.current = nextRead.ok ? nextRead.value : `${next.year}-${next.month}-${next.day}`;
    onChange(emitted.current);
  }
  return (
    <DateField
      label={label}
      value={parts}
      onChange={change}
      readOnly={readOnly}
      error={readOnly || read.ok ? null : problemText(dateProblem(read.problem))}
      testId={testId}
    />
  );
}
