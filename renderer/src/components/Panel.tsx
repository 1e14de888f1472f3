import type { ComponentProps, ReactNode } from 'react';

interface Props extends Omit<ComponentProps<'section'>, 'title'> {
  title: string;
  /** The heading's id: the section is labelled by it, so it must be unique on the page. */
  headingId: string;
  testId: string;
  /** Beside the title: a count, a status, a button. */
  aside?: ReactNode;
}

/** A card section of the meeting page with its heading; data-* attributes pass through. */
export function Panel({ title, headingId, testId, aside, className, children, ...section }: Props) {
  return (
    <section
      {...section}
      className={className ? `card panel ${className}` : 'card panel'}
      aria-labelledby={headingId}
      data-testid={testId}
    >
      <div className="panel__head">
        <h2 id={headingId} className="panel__title">
          {title}
        </h2>
        {aside}
      </div>
      {children}
    </section>
  );
}
