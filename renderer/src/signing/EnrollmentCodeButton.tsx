import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EnrollmentCodeDialog } from './EnrollmentCodeDialog.js';
import { Icon } from '../components/Icon.js';

/** Beside a participant, for the meeting's secretaries: a code to enrol that person's device. */
export function EnrollmentCodeButton({ userId, displayName }: { userId: string; displayName: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button--small button--quiet"
        aria-label={t('signing.code.buttonAria', { name: displayName })}
        onClick={() => setOpen(true)}
        data-testid="participant-enrollment-code"
      >
        <Icon name="key" /> {t('signing.code.button')}
      </button>
      {open && <EnrollmentCodeDialog userId={userId} displayName={displayName} onClose={() => setOpen(false)} />}
    </>
  );
}
