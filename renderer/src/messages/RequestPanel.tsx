import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeldMessage } from '../../../shared/client/api.js';
import { MAX_MESSAGE_TEXT, MESSAGE_TOPICS, type MessageTopic } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { CheckboxField } from '../components/CheckboxField.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Panel } from '../components/Panel.js';
import { MessageText } from './MessageText.js';
import { STATE_KEY, TOPIC_KEY, isOpen, time } from './message-view.js';

interface Props {
  meetingId: string;
  /** The user's own requests, newest first. */
  requests: readonly HeldMessage[];
}

/**
 * A participant's requests to the desk: a big button per topic chooses it (a finger on a
 * tablet, mid-session), the words and "the chair sees it too" are optional, and "Send
 * request" sends. A tap on a topic never sends by itself: details typed after it would be lost.
 */
export function RequestPanel({ meetingId, requests }: Props) {
  const { t, i18n } = useTranslation();
  const { run, busy, error } = useCommand();
  const withdraw = useCommand();
  const [text, setText] = useState('');
  const [chairMaySee, setChairMaySee] = useState(false);
  const [topic, setTopic] = useState<MessageTopic | null>(null);
  const [sent, setSent] = useState<MessageTopic | null>(null);

  async function send() {
    if (topic === null) return;
    setSent(null);
    const outcome = await run('message:request', { meetingId, topic, text: text.trim(), chairMaySee });
    if (outcome === 'failed') return;
    setText('');
    setTopic(null);
    setSent(topic);
  }

  return (
    <Panel
      title={t('messages.request.title')}
      headingId="requests-heading"
      testId="request-panel"
      className="messages-panel"
    >
      <p className="panel__hint">{t('messages.request.hint')}</p>
      <div className="request-topics" role="group" aria-label={t('messages.request.topics')}>
        {MESSAGE_TOPICS.map((choice) => (
          <button
            key={choice}
            type="button"
            className={choice === topic ? 'button request-topic request-topic--chosen' : 'button request-topic'}
            aria-pressed={choice === topic}
            disabled={busy}
            data-testid={`request-topic-${choice}`}
            onClick={() => {
              setTopic(choice === topic ? null : choice);
              setSent(null);
            }}
          >
            {t(TOPIC_KEY[choice])}
          </button>
        ))}
      </div>
      <MessageText
        label={t('messages.request.text')}
        value={text}
        onChange={setText}
        testId="request-text"
        placeholder={t('messages.request.textPlaceholder')}
      />
      <CheckboxField
        label={t('messages.request.chairMaySee')}
        checked={chairMaySee}
        onChange={setChairMaySee}
        testId="request-chair-may-see"
      />
      <div className="request-send">
        <button
          type="button"
          className="button button--primary request-topic"
          disabled={busy || topic === null || text.length > MAX_MESSAGE_TEXT}
          data-testid="request-send"
          onClick={() => void send()}
        >
          {t('messages.request.send')}
        </button>
        {topic === null && <span className="field__hint">{t('messages.request.chooseTopic')}</span>}
      </div>
      {sent && (
        <p className="panel__hint" role="status" data-testid="request-sent">
          {t('messages.request.sent', { topic: t(TOPIC_KEY[sent]) })}
        </p>
      )}
      <ErrorMessage error={error} testId="request-error" />
      <ErrorMessage error={withdraw.error} testId="request-withdraw-error" />
      {requests.length === 0 ? (
        <p className="empty" data-testid="my-requests-empty">
          {t('messages.request.none')}
        </p>
      ) : (
        <ul className="message-list" data-testid="my-requests">
          {requests.map((m) => (
            <li
              key={m.id}
              className="message"
              data-testid="my-request"
              data-message-id={m.id}
              data-state={m.state}
              data-pending={m.pending}
            >
              <div className="message__head">
                <strong>{m.topic && t(TOPIC_KEY[m.topic])}</strong>
                <span className={`message-state message-state--${m.state}`} data-testid="my-request-state">
                  {m.pending ? t('messages.pending') : m.state && t(STATE_KEY[m.state])}
                </span>
                <span className="message__time">{time(m.createdAt, i18n.language)}</span>
              </div>
              {m.text && <p className="message__text">{m.text}</p>}
              {m.answer && (
                <p className="message__answer" data-testid="my-request-answer">
                  {t('messages.request.answerFrom', { name: m.answeredBy?.displayName ?? '' })} {m.answer}
                </p>
              )}
              {isOpen(m) && !m.pending && (
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={withdraw.busy}
                  data-testid="my-request-withdraw"
                  onClick={() => void withdraw.run('message:withdraw', { meetingId, messageId: m.id })}
                >
                  {t('messages.request.withdraw')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
