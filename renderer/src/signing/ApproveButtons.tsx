import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { canInMeeting } from '../../../shared/domain/index.js';
import type { ApprovalDecision, DocumentInfo } from '../../../shared/protocol/index.js';
import { useClientState } from '../client/ClientContext.js';
import { meetingAccess } from '../meeting/permissions.js';
import { ApproveDialog } from './ApproveDialog.js';
import { ENROLL_HREF } from './use-signing-route.js';
import { Icon } from '../components/Icon.js';

/** May the signed-in person sign approvals of this meeting's papers? */
export function useMaySign(state: MeetingState): boolean {
  const { user } = useClientState();
  return user !== null && canInMeeting(user, 'document:approve', meetingAccess(state));
}

/**
 * "Approve" and "Reject" of a document's current version, for those who sign; without a
 * signing identity on this device, the way to make one.
 */
export function ApproveButtons({
  doc,
  state,
  part = 'both',
}: {
  doc: DocumentInfo;
  state: MeetingState;
  /** The reader shows the buttons in its toolbar and the enrolment hint in its menu. */
  part?: 'both' | 'buttons' | 'hint';
}) {
  const { t } = useTranslation();
  const { identity } = useClientState();
  const maySign = useMaySign(state);
  const [deciding, setDeciding] = useState<ApprovalDecision | null>(null);
  if (!maySign) return null;
  if (!identity) {
    if (part === 'buttons') return null;
    return (
      <a className="button button--quiet approve-hint" href={ENROLL_HREF} data-testid="approve-enroll-hint">
        <Icon name="key" /> {t('signing.approve.enrollHint')}
      </a>
    );
  }
  if (part === 'hint') return null;
  return (
    <span className="approve-buttons" data-testid="approve-buttons">
      <button
        type="button"
        className="button button--approve"
        onClick={() => setDeciding('approve')}
        data-testid="approve-button"
      >
        <Icon name="check" /> {t('signing.approve.approve')}
      </button>
      <button
        type="button"
        className="button button--danger-quiet"
        onClick={() => setDeciding('reject')}
        data-testid="reject-button"
      >
        <Icon name="cross" /> {t('signing.approve.reject')}
      </button>
      {deciding && <ApproveDialog doc={doc} decision={deciding} onClose={() => setDeciding(null)} />}
    </span>
  );
}
