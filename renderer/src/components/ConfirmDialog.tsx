import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  open: boolean;
  title: string;
  body?: string;
  confirmLabel: string;
  /**
   * What the other button keeps ("Don't delete", "Keep it open"): "Cancel" beside "Cancel the
   * vote" reads as the same act. "Go back" when not given.
   */
  cancelLabel?: string;
  danger?: boolean;
  /** Until what the question needs is given (a reason to cancel a vote). */
  confirmDisabled?: boolean;
  /** What the person must see or give before confirming: an outcome, a reason field. */
  children?: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}

/** A modal question for actions that cannot be undone (publish, delete). */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  cancelLabel,
  danger,
  confirmDisabled,
  children,
  onConfirm,
  onCancel,
}: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  // Several dialogs may sit in the page at once (closed ones stay): each labelled by its own title.
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      data-testid="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {/* Clamped to three lines (layout.css): a 300-character title must leave the buttons on screen. */}
      <h2 id={titleId} className="dialog__title dialog__title--clamped" title={title}>
        {title}
      </h2>
      {body && (
        <p className="dialog__body" data-testid="confirm-dialog-body">
          {body}
        </p>
      )}
      {children}
      <div className="dialog__actions">
        <button type="button" className="button" data-testid="confirm-dialog-cancel" onClick={onCancel}>
          {cancelLabel ?? t('confirm.goBack')}
        </button>
        <button
          type="button"
          className={danger ? 'button button--danger' : 'button button--primary'}
          disabled={confirmDisabled}
          data-testid="confirm-dialog-confirm"
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
