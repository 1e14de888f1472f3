import { useTranslation } from 'react-i18next';

interface Props {
  submitLabel: string;
  busy: boolean;
  /** Without it the form has no cancel button (the agenda's "add" form stays open). */
  onCancel?: () => void;
  /** The test ids' prefix: `${testIdPrefix}-cancel` and `${testIdPrefix}-submit`. */
  testIdPrefix: string;
  className?: string;
}

/** Cancel and submit at the foot of a form; the submit says "saving" while the command runs. */
export function FormActions({ submitLabel, busy, onCancel, testIdPrefix, className }: Props) {
  const { t } = useTranslation();
  return (
    <div className={className ? `form__actions ${className}` : 'form__actions'}>
      {onCancel && (
        <button type="button" className="button" onClick={onCancel} data-testid={`${testIdPrefix}-cancel`}>
          {t('common.cancel')}
        </button>
      )}
      <button type="submit" className="button button--primary" disabled={busy} data-testid={`${testIdPrefix}-submit`}>
        {busy ? t('common.saving') : submitLabel}
      </button>
    </div>
  );
}
