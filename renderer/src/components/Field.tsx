import type { ReactNode } from 'react';

export interface FieldFrame {
  label: string;
  /** Extra classes on the label, for its place in the form's grid. */
  className?: string;
  /** A line of help under the control; `hintId` lets the control point at it. */
  hint?: string;
  hintId?: string;
  /** What is wrong with the value, under the control; `errorId` lets the control point at it. */
  error?: string | null;
  errorId?: string;
  /** The label in the hint's smaller type, for the parts of one value (minutes, seconds). */
  quietLabel?: boolean;
}

/**
 * A form control with its visible label. The label wraps the control, so a touch on the
 * words focuses it and no id is needed to tie them together.
 */
export function Field({
  label,
  className,
  hint,
  hintId,
  error,
  errorId,
  quietLabel,
  children,
}: FieldFrame & { children: ReactNode }) {
  return (
    <label className={className ? `field ${className}` : 'field'}>
      <span className={quietLabel ? 'field__hint' : 'field__label'}>{label}</span>
      {children}
      {hint && (
        <span id={hintId} className="field__hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="field__hint field__hint--error">
          {error}
        </span>
      )}
    </label>
  );
}

/** The ids a control's `aria-describedby` lists: its hint and its error, when shown. */
export function describedBy(
  hintId: string,
  hint: string | undefined,
  errorId: string,
  error: string | null | undefined,
) {
  return [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
}
