import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Vote } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ErrorMessage } from '../components/ErrorMessage.js';

/** The step that moves a vote on from each state; cancelling is offered beside it. */
const NEXT_STEP = { draft: 'open', open: 'close', closed: 'publish' } as const;

type Asking = 'close' | 'cancel' | null;

/** The chair's buttons for one vote, as its state allows: open, close, publish, cancel. */
export function VoteActions({ vote }: { vote: Vote }) {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  const [asking, setAsking] = useState<Asking>(null);
  const ref = { meetingId: vote.meetingId, voteId: vote.id };
  const { status } = vote;
  if (status === 'published' || status === 'cancelled') return null;
  const next = NEXT_STEP[status];
  return (
    <div className="vote-actions" data-testid="vote-actions">
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          data-testid={`vote-${next}-button`}
          // Closing ends the voting for everyone: asked first, like cancelling.
          onClick={() => (next === 'close' ? setAsking('close') : void run(`vote:${next}`, ref))}
        >
          {t(`vote.action.${next}`)}
        </button>
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
          title={t(`vote.${asking}ConfirmTitle`, { question: vote.question })}
          body={t(`vote.${asking}ConfirmBody`)}
          confirmLabel={t(`vote.action.${asking}`)}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            void run(`vote:${asking}`, ref);
          }}
        />
      )}
    </div>
  );
}
