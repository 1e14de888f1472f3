import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { YEARS, type DateProblem } from '../format/date-parts.js';

/**
 * What is wrong with a field's value. Forms check their own fields (`noValidate`) and say it
 * in the UI language next to the field, rather than leaving it to the browser's bubbles,
 * which speak the browser's language and vanish before a person on a tablet has read them.
 */
export type FieldProblem =
  | { kind: 'required' }
  | { kind: 'tooLong'; max: number }
  | { kind: 'tooShort'; min: number }
  | { kind: 'outOfRange'; min: number; max: number }
  | { kind: Exclude<DateProblem, 'required'> };

/** Letters as a person counts them: composed (NFC) code points, not UTF-16 units. */
const letters = (text: string) => [...text.normalize('NFC')].length;

export function checkText(
  value: string,
  rule: { required?: boolean; min?: number; max?: number },
): FieldProblem | null {
  const text = value.trim();
  if (rule.required && text === '') return { kind: 'required' };
  if (rule.min !== undefined && text !== '' && letters(text) < rule.min) return { kind: 'tooShort', min: rule.min };
  if (rule.max !== undefined && letters(text) > rule.max) return { kind: 'tooLong', max: rule.max };
  return null;
}

export function checkWholeNumber(
  value: string,
  rule: { required?: boolean; min: number; max: number },
): FieldProblem | null {
  const text = value.trim();
  if (text === '') return rule.required ? { kind: 'required' } : null;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  return Number.isInteger(n) && n >= rule.min && n <= rule.max
    ? null
    : { kind: 'outOfRange', min: rule.min, max: rule.max };
}

/** A date picker's problem in the same terms. */
export function dateProblem(problem: DateProblem): FieldProblem {
  return problem === 'required' ? { kind: 'required' } : { kind: problem };
}

/** The first field with a problem, in the form's order: where the focus goes. */
export function firstProblem<K extends string>(problems: Partial<Record<K, FieldProblem | null>>): K | null {
  const found = Object.entries(problems).find(([, p]) => p);
  return found ? (found[0] as K) : null;
}

/** Words for a problem in the UI language; null for none. */
export function useProblemText(): (problem: FieldProblem | null | undefined) => string | null {
  const { t } = useTranslation();
  return (problem) => {
    if (!problem) return null;
    switch (problem.kind) {
      case 'required':
        return t('validation.required');
      case 'tooLong':
        return t('validation.tooLong', { count: problem.max });
      case 'tooShort':
        return t('validation.tooShort', { count: problem.min });
      case 'outOfRange':
        return t('validation.outOfRange', { min: problem.min, max: problem.max });
      case 'yearOutOfRange':
        return t('validation.yearOutOfRange', { min: YEARS.min, max: YEARS.max });
      case 'invalidDate':
        return t('validation.invalidDate');
      case 'invalidTime':
        return t('validation.invalidTime');
    }
  };
}

/** The inputs of a form by field, so a refused submit can put the focus on the first problem. */
export function useFieldRefs<K extends string>() {
  const refs = useRef<Partial<Record<K, HTMLInputElement | null>>>({});
  return {
    ref: (key: K) => (el: HTMLInputElement | null) => {
      refs.current[key] = el;
    },
    focus: (key: K | null) => {
      if (key) refs.current[key]?.focus();
    },
  };
}
