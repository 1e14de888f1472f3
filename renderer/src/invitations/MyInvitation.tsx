import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { ChoiceGroup } from '../components/ChoiceGroup.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { TextField } from '../components/TextField.js';

interface Props {
  invitation: Invitation;
  /** The session has not started, the meeting is neither closed nor cancelled: the reply may still change. */
  mayReply: boolean;
}

/** The person's own invitation: their reply as the desk has it, and the form to give or change it. */
export function MyInvitation({ invitation, mayReply }: Props) {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  const [editing, setEditing] = useState(invitation.reply === 'pending');
  // Nothing chosen for a first reply: the person answers, the form does not answer for them.
  const [reply, setReply] = useState<'attend' | 'absent' | null>(
    invitation.reply === 'pending' ? null : invitation.reply,
  );
  const [reason, setReason] = useState(invitation.reason);
  const [missingReason, setMissingReason] = useState(false);

  async function send() {
    if (reply === null) return;
    if (reply === 'absent' && reason.trim() === '') return setMissingReason(true);
    const outcome = await run('invitation:reply', {
      meetingId: invitation.meetingId,
      reply,
      reason: reply === 'absent' ? reason : '',
    });
    if (outcome !== 'failed') setEditing(false);
  }

  const answered = invitation.reply !== 'pending';
  // Replies closed (the session started, or the meeting closed) before any was given: no form
  // and no "cannot change", only that the time to reply is over.
  if (!mayReply && !answered)
    return (
      <div className="my-invitation" data-testid="my-invitation" data-reply={invitation.reply}>
        <p className="field__hint" data-testid="my-invitation-closed">
          {t('invitations.repliesClosed')}
        </p>
      </div>
    );
  return (
    <div className="my-invitation" data-testid="my-invitation" data-reply={invitation.reply}>
      <h3 className="my-invitation__title">{t('invitations.mine')}</h3>
      {answered && (
        <p data-testid="my-invitation-reply">
          {t('invitations.yourReply', { reply: t(`invitations.${invitation.reply}`) })}
          {invitation.reply === 'absent' && (
            <>
              {' '}
              <span className="my-invitation__reason">
                {t('invitations.yourReason', { reason: invitation.reason })}
              </span>
            </>
          )}
        </p>
      )}
      {!mayReply ? null : editing || !answered ? (
        <form
          className="my-invitation__form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <ChoiceGroup
            legend={t('invitations.replyLabel')}
            name={`invitation-${invitation.meetingId}`}
            value={reply}
            choices={[
              { value: 'attend', label: t('invitations.attend') },
              { value: 'absent', label: t('invitations.absent') },
            ]}
            onChange={(v) => {
              setReply(v);
              setMissingReason(false);
            }}
            testId="invitation-reply"
          />
          {reply === 'absent' && (
            <TextField
              label={t('invitations.reason')}
              value={reason}
              onChange={(v) => {
                setReason(v);
                setMissingReason(false);
              }}
              maxLength={500}
              error={missingReason ? t('invitations.reasonRequired') : null}
              testId="invitation-reason"
            />
          )}
          <div className="my-invitation__actions">
            <button
              type="submit"
              className="button button--primary"
              disabled={busy || reply === null}
              data-testid="invitation-send"
            >
              {busy ? t('common.saving') : t('invitations.send')}
            </button>
          </div>
          <ErrorMessage error={error} testId="invitation-error" />
        </form>
      ) : (
        <button type="button" className="button" data-testid="invitation-change" onClick={() => setEditing(true)}>
          {t('invitations.change')}
        </button>
      )}
    </div>
  );
}
