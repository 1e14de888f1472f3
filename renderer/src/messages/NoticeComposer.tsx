import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeldMessage } from '../../../shared/client/api.js';
import type { Participant } from '../../../shared/protocol/index.js';
import { MAX_MESSAGE_TEXT } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Panel } from '../components/Panel.js';
import { SelectField } from '../components/SelectField.js';
import { MessageText } from './MessageText.js';
import { time } from './message-view.js';

const EVERYONE = 'everyone';

interface Props {
  meetingId: string;
  userId: string;
  participants: readonly Participant[];
  /** The meeting's notices this user may see, newest first. */
  notices: readonly HeldMessage[];
}

/** The chair's and the secretaries' notices: to every tablet of the meeting, or to one participant. */
export function NoticeComposer({ meetingId, userId, participants, notices }: Props) {
  const { t, i18n } = useTranslation();
  const { run, busy, error } = useCommand();
  const [text, setText] = useState('');
  const [to, setTo] = useState<string>(EVERYONE);
  const options = [
    { value: EVERYONE, label: t('messages.notice.everyone') },
    ...participants.filter((p) => p.userId !== userId).map((p) => ({ value: p.userId, label: p.displayName })),
  ];

  async function send() {
    const outcome = await run('message:notice', { meetingId, to: to === EVERYONE ? null : to, text: text.trim() });
    if (outcome !== 'failed') setText('');
  }

  return (
    <Panel
      title={t('messages.notice.title')}
      headingId="notice-heading"
      testId="notice-composer"
      className="messages-panel"
    >
      <SelectField label={t('messages.notice.to')} value={to} options={options} onChange={setTo} testId="notice-to" />
      <MessageText label={t('messages.notice.text')} value={text} onChange={setText} testId="notice-text" />
      <button
        type="button"
        className="button button--primary"
        disabled={busy || text.trim().length === 0 || text.length > MAX_MESSAGE_TEXT}
        data-testid="notice-send"
        onClick={() => void send()}
      >
        {t('messages.notice.send')}
      </button>
      <ErrorMessage error={error} testId="notice-error" />
      {notices.length > 0 && (
        <ul className="message-list" data-testid="notice-list">
          {notices.map((m) => (
            <li
              key={m.id}
              className="message"
              data-testid="notice-item"
              data-message-id={m.id}
              data-pending={m.pending}
            >
              <div className="message__head">
                <strong>{m.recipient ? m.recipient.displayName : t('messages.notice.everyone')}</strong>
                <span>{m.sender.displayName}</span>
                {m.pending && <span className="message-state">{t('messages.pending')}</span>}
                <span className="message__time">{time(m.createdAt, i18n.language)}</span>
              </div>
              <p className="message__text">{m.text}</p>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
