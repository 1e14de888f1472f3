import type { ReactNode } from 'react';

interface Props {
  documentId: string;
  page: number;
  /** Where it stands: the paper and the page, as the reader will open it. */
  source: ReactNode;
  /** The words as written in the paper. */
  children: ReactNode;
  testId: string;
  passageTestId?: string;
  /** Opens the reader at the page: the meeting page's own `onOpen`, as for the assistant's answers. */
  onOpen(documentId: string, page: number): void;
}

/** A passage of a paper that opens the reader at its page: an assistant's answer, a brief's sentence. */
export function PassageLink({ documentId, page, source, children, testId, passageTestId, onOpen }: Props) {
  return (
    <button
      type="button"
      className="assistant-hit"
      onClick={() => onOpen(documentId, page)}
      data-testid={testId}
      data-document-id={documentId}
      data-page={page}
    >
      <span className="assistant-hit__source">{source}</span>
      <q className="assistant-hit__passage" data-testid={passageTestId}>
        {children}
      </q>
    </button>
  );
}
