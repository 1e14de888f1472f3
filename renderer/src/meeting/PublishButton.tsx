import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../client/use-command.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorMessage } from '../components/ErrorMessage.js';

export function PublishButton({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button--primary"
        disabled={busy}
        data-testid="publish-button"
        onClick={() => setAsking(true)}
      >
        {busy ? t('common.saving') : t('meeting.publish')}
      </button>
      <ErrorMessage error={error} testId="publish-error" />
      <ConfirmDialog
        open={asking}
        title={t('meeting.publishConfirmTitle')}
        body={t('meeting.publishConfirmBody')}
        confirmLabel={t('meeting.publish')}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          void run('meeting:publish', { meetingId });
        }}
      />
    </>
  );
}
