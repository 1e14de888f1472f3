import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalDecision, DocumentInfo, ProtocolError } from '../../../shared/protocol/index.js';
import { useClient, useClientState } from '../client/ClientContext.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { useNow } from '../format/use-now.js';
import { PinField } from './PinFields.js';
import { PinStatus } from './PinStatus.js';
import { ReasonField } from './ReasonField.js';
import { SigningDialog } from './SigningDialog.js';
import { SigningFacts } from './SigningFacts.js';
import { isPin } from './signing-format.js';

interface Props {
  doc: DocumentInfo;
  decision: ApprovalDecision;
  onClose(): void;
}

type Phase = 'asking' | 'signing' | 'done';

/** Signs an approval (or a rejection, with its reason) of the document's current version with the device's key. */
export function ApproveDialog({ doc, decision, onClose }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const { identity, connection } = useClientState();
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [phase, setPhase] = useState<Phase>('asking');
  const [error, setError] = useState<ProtocolError | null>(null);
  const lockedUntil = identity?.pinLockedUntil ?? null;
  const now = useNow(1_000, lockedUntil !== null);
  const locked = lockedUntil !== null && Date.parse(lockedUntil) > now.getTime();
  const reject = decision === 'reject';
  const ready =
    identity !== null && connection === 'online' && !locked && isPin(pin) && (!reject || reason.trim() !== '');

  async function sign(event?: FormEvent) {
    event?.preventDefault();
    if (!ready) return;
    setPhase('signing');
    setError(null);
    const answer = await client.approveDocument({
      meetingId: doc.meetingId,
      documentId: doc.id,
      version: doc.version,
      decision,
      reason: reason.trim() || undefined,
      pin,
    });
    setPin('');
    if (answer.ok) {
      setPhase('done');
    } else {
      setError(answer.error);
      setPhase('asking');
    }
  }

  const busy = phase === 'signing';
  const title = reject ? t('signing.approve.rejectTitle') : t('signing.approve.approveTitle');
  return (
    <SigningDialog
      title={title}
      testId="approve-dialog"
      busy={busy}
      onClose={onClose}
      actions={
        phase === 'done' ? (
          <button type="button" className="button button--primary" onClick={onClose} data-testid="approve-close">
            {t('common.close')}
          </button>
        ) : (
          <>
            <button type="button" className="button" disabled={busy} onClick={onClose} data-testid="approve-cancel">
              {t('common.cancel')}
            </button>
            <button
              type="submit"
              form="approve-form"
              className={reject ? 'button button--danger' : 'button button--primary'}
              disabled={busy || !ready}
              data-testid="approve-sign"
            >
              {busy ? t('signing.approve.signing') : t('signing.approve.sign')}
            </button>
          </>
        )
      }
    >
      <SigningFacts
        testId="approve-what"
        facts={[
          { label: t('signing.approve.document'), value: doc.title },
          { label: t('signing.approve.version'), value: doc.version },
          {
            label: t('signing.approve.hash'),
            value: `${doc.sha256.slice(0, 16)}…`,
            testId: 'approve-hash',
            mono: true,
          },
          {
            label: t('signing.approve.decision'),
            value: <strong>{reject ? t('signing.approve.reject') : t('signing.approve.approve')}</strong>,
          },
        ]}
      />
      {phase === 'done' ? (
        <p className="notice notice--ok" role="status" data-testid="approve-done">
          {reject ? t('signing.approve.doneReject') : t('signing.approve.doneApprove')}
        </p>
      ) : (
        <form id="approve-form" className="form" noValidate onSubmit={(e) => void sign(e)}>
          {reject && (
            <ReasonField
              label={t('signing.approve.reason')}
              value={reason}
              maxLength={1000}
              onChange={setReason}
              testId="approve-reason"
            />
          )}
          <PinField label={t('signing.pin.enter')} value={pin} onChange={setPin} autoFocus testId="approve-pin" />
          {identity && <PinStatus identity={identity} always={error !== null} />}
          {connection !== 'online' && (
            <p className="field__hint" data-testid="approve-offline">
              {t('signing.approve.offline')}
            </p>
          )}
          <ErrorMessage error={error} testId="approve-error" />
          {busy && (
            <p className="signing-progress" role="status" data-testid="approve-progress">
              {t('signing.approve.signing')}
            </p>
          )}
          <p className="field__hint">{t('signing.approve.note')}</p>
        </form>
      )}
    </SigningDialog>
  );
}
