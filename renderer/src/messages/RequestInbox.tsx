import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeldMessage } from '../../../shared/client/api.js';
import { MAX_MESSAGE_TEXT, type ANSWER_STATES } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Panel } from '../components/Panel.js';
import { MessageText } from './MessageText.js';
import { STATE_KEY, TOPIC_KEY, inboxOrder, isOpen, time } from './message-view.js';

interface Props {
  meetingId: string;
  requests: readonly HeldMessage[];
  /** The chair's view of the requests their senders let them see: read, not answered. */
  readOnly?: boolean;
}

/** The desk's inbox (secretaries): every request of the meeting, open ones first, with a count of them. */
export function RequestInbox({ meetingId, requests, readOnly = false }: Props) {
  const { t } = useTranslation();
  const open = requests.filter(isOpen).length;
  return (
    <Panel
      title={readOnly ? t('messages.inbox.chairTitle') : t('messages.inbox.title')}
      headingId="inbox-heading"
      testId="request-inbox"
      className="messages-panel"
      aside={
        <span
          className={open > 0 ? 'count-badge count-badge--open' : 'count-badge'}
          data-testid="request-inbox-count"
          aria-label={t('messages.inbox.openCount', { count: open })}
        >
          {open}
        </span>
      }
    >
      {requests.length === 0 ? (
        <p className="empty" data-testid="request-inbox-empty">
          {t('messages.inbox.none')}
        </p>
      ) : (
        <ul className="message-list">
          {inboxOrder(requests).map((m) => (
            <InboxItem key={m.id} meetingId={meetingId} message={m} readOnly={readOnly} />
          ))}
        </ul>
      )}
    </Panel>
  );
}

function InboxItem({
  meetingId,
  message: m,
  readOnly,
}: {
  meetingId: string;
  message: HeldMessage;
  readOnly: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { run, busy, error } = useCommand();
  const [answer, setAnswer] = useState('');
  const answerable = !readOnly && isOpen(m) && !m.pending;

  async function act(state: (typeof ANSWER_STATES)[number] | undefined) {
    const text = answer.trim();
    const outcome = await run('message:answer', {
      meetingId,
      messageId: m.id,
      ...(state ? { state } : {}),
      ...(text ? { answer: text } : {}),
    });
    if (outcome !== 'failed') setAnswer('');
  }

  return (
    <li className="message" data-testid="inbox-request" data-message-id={m.id} data-state={m.state}>
      <div className="message__head">
        <strong>{m.topic && t(TOPIC_KEY[m.topic])}</strong>
        <span>
          {m.sender.displayName}
          {m.sender.seat && (
            <span className="message__seat" data-testid="inbox-request-seat">
              {' '}
              ({t('messages.inbox.seat', { seat: m.sender.seat })})
            </span>
          )}
        </span>
        <span className={`message-state message-state--${m.state}`} data-testid="inbox-request-state">
          {m.pending ? t('messages.pending') : m.state && t(STATE_KEY[m.state])}
        </span>
        {m.chairMaySee && <span className="message__tag">{t('messages.inbox.chairSees')}</span>}
        <span className="message__time">{time(m.createdAt, i18n.language)}</span>
      </div>
      {m.text && (
        <p className="message__text" data-testid="inbox-request-text">
          {m.text}
        </p>
      )}
      {m.answer && (
        <p className="message__answer">
          {t('messages.request.answerFrom', { name: m.answeredBy?.displayName ?? '' })} {m.answer}
        </p>
      )}
      {answerable && (
        <div className="inbox-answer">
          <MessageText
            label={t('messages.inbox.answer')}
            value={answer}
            onChange={setAnswer}
            testId="inbox-answer-text"
          />
          <div className="inbox-answer__actions">
            {m.state === 'open' && (
              <button
                type="button"
                className="button"
                disabled={busy}
                data-testid="inbox-acknowledge"
                onClick={() => void act('acknowledged')}
              >
                {t('messages.inbox.acknowledge')}
              </button>
            )}
            <button
              type="button"
              className="button button--primary"
              disabled={busy || answer.length > MAX_MESSAGE_TEXT}
              data-testid="inbox-done"
              onClick={() => void act('done')}
            >
              {t('messages.inbox.done')}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy || answer.length > MAX_MESSAGE_TEXT}
              data-testid="inbox-decline"
              onClick={() => void act('declined')}
            >
              {t('messages.inbox.decline')}
            </button>
            <button
              type="button"
              className="button button--quiet"
              disabled={busy || answer.trim().length === 0 || answer.length > MAX_MESSAGE_TEXT}
              data-testid="inbox-reply"
              onClick={() => void act(undefined)}
            >
              {t('messages.inbox.reply')}
            </button>
          </div>
        </div>
      )}
      <ErrorMessage error={error} testId="inbox-error" />
    </li>
  );
}
