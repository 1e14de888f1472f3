import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import type { SignedRecord } from '../../../shared/protocol/index.js';
import { useClient, useClientState } from '../client/ClientContext.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { base64Bytes, download } from './signing-format.js';
import { useAck } from './use-ack.js';
import { Icon } from '../components/Icon.js';

const EXPORTERS = ['secretary', 'chair'];

/**
 * The secretary's and the chair's signed record of the meeting's approvals: the record
 * (JSON), then its detached signature and the CA, for `openssl cms -verify`.
 */
export function ApprovalExport({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  const client = useClient();
  const meetingId = state.meeting.id;
  const count = useClientState().approvals[meetingId]?.length ?? 0;
  const { busy, error, run } = useAck();
  const [record, setRecord] = useState<SignedRecord | null>(null);
  if (!state.myRole || !EXPORTERS.includes(state.myRole) || count === 0) return null;

  async function exportRecord() {
    const signed = await run(() => client.exportApprovals(meetingId));
    if (!signed) return;
    setRecord(signed);
    download(`approvals-${meetingId}.json`, signed.record, 'application/json');
  }

  return (
    <div className="approval-export" data-testid="approval-export">
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void exportRecord()}
        data-testid="approval-export-button"
      >
        {busy ? (
          t('signing.export.working')
        ) : (
          <>
            <Icon name="download" /> {t('signing.export.button')}
          </>
        )}
      </button>
      {record && (
        <span className="approval-export__more" data-testid="approval-export-more">
          <button
            type="button"
            className="button button--quiet"
            onClick={() =>
              download(`approvals-${meetingId}.p7s`, base64Bytes(record.signature), 'application/pkcs7-signature')
            }
            data-testid="approval-export-signature"
          >
            {t('signing.export.signature')}
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => download('ca.pem', record.caCertificate, 'application/x-pem-file')}
            data-testid="approval-export-ca"
          >
            {t('signing.export.ca')}
          </button>
        </span>
      )}
      <ErrorMessage error={error} testId="approval-export-error" />
    </div>
  );
}
