import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import type { DocumentInfo } from '../../../shared/protocol/index.js';
import { useClientState } from '../client/ClientContext.js';
import { ApprovalItem } from './ApprovalItem.js';
import { ApproveButtons } from './ApproveButtons.js';
import { summariseApprovals } from './signing-format.js';

/**
 * Under a document in the list: approve or reject it, and the signed decisions so far (each
 * person's latest on the current version; earlier versions' folded below).
 */
export function DocumentApprovals({ doc, state }: { doc: DocumentInfo; state: MeetingState }) {
  const { t } = useTranslation();
  const approvals = useClientState().approvals[doc.meetingId];
  const summary = useMemo(
    () => summariseApprovals(approvals ?? [], doc.id, doc.version),
    [approvals, doc.id, doc.version],
  );
  const any = summary.current.length + summary.older.length > 0;
  return (
    <div className="doc-approvals" data-testid="document-approvals">
      <ApproveButtons doc={doc} state={state} />
      {any && (
        <details className="doc-approvals__list" data-testid="approvals-panel">
          <summary className="doc-approvals__summary" data-testid="approvals-summary">
            {t('signing.approvals.counts', { approved: summary.approved, rejected: summary.rejected })}
          </summary>
          {summary.current.length === 0 ? (
            <p className="empty">{t('signing.approvals.noneCurrent', { version: doc.version })}</p>
          ) : (
            <ul className="approvals" data-testid="approvals-current">
              {summary.current.map((a) => (
                <ApprovalItem key={a.id} approval={a} />
              ))}
            </ul>
          )}
          {summary.older.length > 0 && (
            <details className="approvals__older" data-testid="approvals-older">
              <summary>{t('signing.approvals.older', { n: summary.older.length })}</summary>
              <ul className="approvals">
                {summary.older.map((a) => (
                  <ApprovalItem key={a.id} approval={a} showVersion />
                ))}
              </ul>
            </details>
          )}
        </details>
      )}
    </div>
  );
}
