import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtocolError, Vote, VoteResult } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { ReasonField } from '../signing/ReasonField.js';
import { ResultSummary } from './ResultSummary.js';

/** The step that moves a vote on from each state; cancelling is offered beside it. */
const NEXT_STEP = { draft: 'open', open: 'close', closed: 'publish' } as const;

type Asking = 'close' | 'publish' | 'cancel' | null;

interface Props {
  vote: Vote;
  /** The closed vote's result as only its managers see it, for the publish question. */
  preview: { result: VoteResult | null; error: ProtocolError | null };
  /** Offered for a draft: the form opens in place of the buttons. */
  onEdit(): void;
}

/** The chair's buttons for one vote, as its state allows: open, edit, close, publish, cancel. */
export function VoteActions({ vote, preview, onEdit }: Props) {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  const [asking, setAsking] = useState<Asking>(null);
  const [reason, setReason] = useState('');
  const ref = { meetingId: vote.meetingId, voteId: vote.id };
  const { status } = vote;
  if (status === 'published' || status === 'cancelled') return null;
  const next = NEXT_STEP[status];
  // A draft nobody has seen is dropped freely; a vote that was opened is cancelled on the record.
  const needsReason = status !== 'draft';

  function ask(what: Exclude<Asking, null>) {
    setReason('');
    setAsking(what);
  }

  function confirm() {
    const what = asking;
    setAsking(null);
    if (what === 'cancel') void run('vote:cancel', needsReason ? { ...ref, reason: reason.trim() } : ref);
    else if (what) void run(`vote:${what}`, ref);
  }

  return (
    <div className="vote-actions" data-testid="vote-actions">
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          data-testid={`vote-${next}-button`}
          // Closing ends the voting for everyone, publishing shows the result to everyone: asked first.
          onClick={() => (next === 'open' ? void run('vote:open', ref) : ask(next))}
        >
          {t(`vote.action.${next}`)}
        </button>
        {status === 'draft' && (
          <button type="button" className="button" disabled={busy} data-testid="vote-edit-button" onClick={onEdit}>
            {t('vote.action.edit')}
          </button>
        )}
        <button
          type="button"
          className="button button--danger-quiet"
          disabled={busy}
          data-testid="vote-cancel-button"
          onClick={() => ask('cancel')}
        >
          {t('vote.action.cancel')}
        </button>
      </div>
      <ErrorMessage error={error} testId="vote-action-error" />
      {asking === 'close' && (
        <ConfirmDialog
          open
          title={t('vote.closeConfirmTitle', { question: vote.question })}
          body={t('vote.closeConfirmBody')}
          confirmLabel={t('vote.action.close')}
          cancelLabel={t('confirm.keepOpen')}
          onCancel={() => setAsking(null)}
          onConfirm={confirm}
        />
      )}
      {asking === 'publish' && (
        <ConfirmDialog
          open
          title={t('vote.publishConfirmTitle', { question: vote.question })}
          body={t('vote.publishConfirmBody')}
          confirmLabel={t('vote.action.publish')}
          cancelLabel={t('confirm.notYet')}
          onCancel={() => setAsking(null)}
          onConfirm={confirm}
        >
          {preview.result ? (
            <ResultSummary vote={vote} result={preview.result} />
          ) : (
            <>
              <p className="dialog__body" data-testid="publish-no-preview">
                {t('vote.publishNoPreview')}
              </p>
              <ErrorMessage error={preview.error} testId="publish-preview-error" />
            </>
          )}
        </ConfirmDialog>
      )}
      {asking === 'cancel' && (
        <ConfirmDialog
          open
          danger
          title={t('vote.cancelConfirmTitle', { question: vote.question })}
          body={needsReason ? t('vote.cancelConfirmBody') : t('vote.cancelDraftConfirmBody')}
          confirmLabel={t('vote.action.cancel')}
          cancelLabel={t('confirm.dontCancelVote')}
          confirmDisabled={needsReason && reason.trim() === ''}
          onCancel={() => setAsking(null)}
          onConfirm={confirm}
        >
          {needsReason && (
            <ReasonField
              label={t('vote.cancelReasonLabel')}
              hint={t('vote.cancelReasonHint')}
              value={reason}
              maxLength={500}
              onChange={setReason}
              testId="vote-cancel-reason"
            />
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}
