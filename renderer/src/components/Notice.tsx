import type { ComponentProps, ReactNode } from 'react';

export interface NoticeAction {
  label: string;
  onClick(): void;
  testId: string;
  tone?: 'primary' | 'quiet';
}

interface Props extends Omit<ComponentProps<'div'>, 'children'> {
  /** The CSS block that gives the line its look: `notice`, `ballot-banner`, `my-ballot`. */
  block: string;
  testId: string;
  children: ReactNode;
  /** The one thing to do about it, at the end of the line. */
  action?: NoticeAction | null;
}

/** One line that tells the person something and offers one touch to act on it. */
export function Notice({ block, testId, children, action, className, ...div }: Props) {
  return (
    <div {...div} className={className ? `${block} ${className}` : block} data-testid={testId}>
      <div className={`${block}__text`}>{children}</div>
      {action && (
        <button
          type="button"
          className={action.tone ? `button button--${action.tone}` : 'button'}
          data-testid={action.testId}
          onClick={action.onClick}
        >
          {action.label}
        </button>
      )}
    </div>
  );
}
