import { useTranslation } from 'react-i18next';
import { useClient, useClientState } from '../client/ClientContext.js';
import { Notice } from '../components/Notice.js';

const REASON_KEYS = {
  recalled: 'documents.goneRecalled',
  access: 'documents.goneAccess',
  removed: 'documents.goneRemoved',
} as const;

/** Papers that left this device (recalled, access withdrawn, removed): said once, dismissed by a touch. */
export function DocumentNotices({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const notices = useClientState().documentNotices.filter((n) => n.meetingId === meetingId);
  if (notices.length === 0) return null;
  return (
    <div className="doc-notices" role="status">
      {notices.map((notice) => (
        <Notice
          key={notice.id}
          block="notice"
          testId="document-notice"
          data-reason={notice.reason}
          action={{
            label: t('common.close'),
            testId: 'document-notice-dismiss',
            onClick: () => void client.dismissDocumentNotice(notice.id),
          }}
        >
          {t(REASON_KEYS[notice.reason], { title: notice.title })}
        </Notice>
      ))}
    </div>
  );
}
