import { describe, expect, it } from 'vitest';
import { checkText, checkWholeNumber, dateProblem, firstProblem } from './field-rules.js';

describe('field rules', () => {
  it('refuses an empty required text, spaces alone too', () => {
    expect(checkText('  ', { required: true })).toEqual({ kind: 'required' });
    expect(checkText('', {})).toBeNull();
    expect(checkText('Phòng họp', { required: true, max: 300 })).toBeNull();
  });

  it('refuses a text shorter than its minimum, but leaves an empty optional one to required', () => {
    expect(checkText('ngắn', { min: 10 })).toEqual({ kind: 'tooShort', min: 10 });
    expect(checkText('đủ mười ký tự', { min: 10 })).toBeNull();
    expect(checkText('', { min: 10 })).toBeNull();
    expect(checkText('', { required: true, min: 10 })).toEqual({ kind: 'required' });
  });

  it('counts composed letters against the bound, as a person counts them', () => {
    const decomposed = 'Ủy ban'.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan(6);
    expect(checkText(decomposed, { max: 6 })).toBeNull();
    expect(checkText('Ủy ban!', { max: 6 })).toEqual({ kind: 'tooLong', max: 6 });
  });

  it('takes whole numbers within the range only', () => {
    const rule = { min: 0, max: 600 };
    expect(checkWholeNumber('', rule)).toBeNull();
    expect(checkWholeNumber('', { ...rule, required: true })).toEqual({ kind: 'required' });
    expect(checkWholeNumber('15', rule)).toBeNull();
    for (const bad of ['601', '-1', '1.5', '1e2', 'mười'])
      expect(checkWholeNumber(bad, rule)).toEqual({ kind: 'outOfRange', min: 0, max: 600 });
  });

  it('maps a date problem and finds the first field with one', () => {
    expect(dateProblem('required')).toEqual({ kind: 'required' });
    expect(dateProblem('invalidTime')).toEqual({ kind: 'invalidTime' });
    expect(firstProblem({ title: null, startsAt: { kind: 'required' }, place: { kind: 'required' } })).toBe('startsAt');
    expect(firstProblem({ title: null })).toBeNull();
  });
});
