import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Vote } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorMessage } from '../components/ErrorMessage.js';

type Asking = 'close' | 'cancel' | null;

/** The chair's buttons for one vote, as its state allows: open, close, publish, cancel. */
export function VoteActions({ vote }: { vote: Vote }) {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  const [asking, setAsking] = useState<Asking>(null);
  const ref = { meetingId: vote.meetingId, voteId: vote.id };
  const { status } = vote;
  if (status === 'published' || status === 'cancelled') return null;
  return (
    <div className="vote-actions" data-testid="vote-actions">
      <div className="button-row">
        {status === 'draft' && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            data-testid="vote-open-button"
            onClick={() => void run('vote:open', ref)}
          >
            {t('vote.action.open')}
          </button>
        )}
        {status === 'open' && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            data-testid="vote-close-button"
            onClick={() => setAsking('close')}
          >
            {t('vote.action.close')}
          </button>
        )}
        {status === 'closed' && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            data-testid="vote-publish-button"
            onClick={() => void run('vote:publish', ref)}
          >
            {t('vote.action.publish')}
          </button>
        )}
        <button
          type="button"
          className="button button--danger-quiet"
          disabled={busy}
          data-testid="vote-cancel-button"
          onClick={() => setAsking('cancel')}
        >
          {t('vote.action.cancel')}
        </button>
      </div>
      <ErrorMessage error={error} testId="vote-action-error" />
      {asking && (
        <ConfirmDialog
          open
          danger={asking === 'cancel'}
          title={t(asking === 'close' ? 'vote.closeConfirmTitle' : 'vote.cancelConfirmTitle', {
            question: vote.question,
          })}
          body={t(asking === 'close' ? 'vote.closeConfirmBody' : 'vote.cancelConfirmBody')}
          confirmLabel={t(asking === 'close' ? 'vote.action.close' : 'vote.action.cancel')}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            void run(asking === 'close' ? 'vote:close' : 'vote:cancel', ref);
          }}
        />
      )}
    </div>
  );
}
