import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { canInMeeting } from '../../../shared/domain/index.js';
import type { User } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { meetingAccess } from '../meeting/permissions.js';

/**
 * Ending the session (chair or secretary, once the session has started) and, after it, recalling its papers
 * from every device (secretary). Both ask first: neither can be undone.
 */
export function MeetingCloseBar({ state, user }: { state: MeetingState; user: User }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<'close' | 'recall' | null>(null);
  const { run, busy, error } = useCommand();
  const ctx = meetingAccess(state);
  const { status, documentsRecalledAt } = state.meeting;
  // Ending is for a session that took place: before the chair opens it, a meeting that will
  // not be held is called off or put off from the header instead.
  const started = state.session.stage !== 'not-started';
  const mayClose = status === 'published' && started && canInMeeting(user, 'meeting:close', ctx);
  const mayRecall = status === 'closed' && !documentsRecalledAt && canInMeeting(user, 'documents:manage', ctx);
  if (!mayClose && !mayRecall) return null;
  const meetingId = state.meeting.id;
  return (
    <div className="meeting-close" data-testid="meeting-close-bar">
      {mayClose && (
        <button
          type="button"
          className="button button--danger-quiet"
          disabled={busy}
          onClick={() => setAsking('close')}
          data-testid="meeting-close"
        >
          {t('meetingClose.close')}
        </button>
      )}
      {mayRecall && (
        <button
          type="button"
          className="button button--danger"
          disabled={busy}
          onClick={() => setAsking('recall')}
          data-testid="documents-recall"
        >
          {t('meetingClose.recall')}
        </button>
      )}
      <ErrorMessage error={error} testId="meeting-close-error" />
      <ConfirmDialog
        open={asking !== null}
        title={asking === 'recall' ? t('meetingClose.recallTitle') : t('meetingClose.closeTitle')}
        body={asking === 'recall' ? t('meetingClose.recallBody') : t('meetingClose.closeBody')}
        confirmLabel={asking === 'recall' ? t('meetingClose.recall') : t('meetingClose.close')}
        cancelLabel={t('confirm.notYet')}
        danger
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          const what = asking;
          setAsking(null);
          if (what === 'close') void run('meeting:close', { meetingId });
          if (what === 'recall') void run('documents:recall', { meetingId });
        }}
      />
    </div>
  );
}
