import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  testId: string;
  /** Escape, or the dialog's own close button. */
  onClose(): void;
  /** The buttons at the foot (close, confirm). */
  actions: ReactNode;
  children: ReactNode;
  /** While something runs (a key is made, a signature sent), Escape does not close it. */
  busy?: boolean;
}

/** A modal for the signing steps: mounted open, closed by unmounting it. */
export function SigningDialog({ title, testId, onClose, actions, children, busy = false }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog signing-dialog"
      data-testid={testId}
      aria-labelledby={titleId}
      aria-busy={busy}
      // Keys stay here: the reader behind would close on Escape or turn pages on arrows.
      onKeyDown={(e) => e.stopPropagation()}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {children}
      <div className="dialog__actions">{actions}</div>
    </dialog>
  );
}
