import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AskHit, ProtocolError } from '../../../shared/protocol/index.js';
import { useClient } from '../client/ClientContext.js';
import { CharacterCounter } from '../components/CharacterCounter.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Icon } from '../components/Icon.js';
import { AssistantAnswers } from './AssistantAnswers.js';

/** As the server takes a question (AskQuerySchema). */
const MAX_QUESTION = 300;

type Answer =
  | { kind: 'idle' }
  | { kind: 'asking' }
  | { kind: 'hits'; hits: readonly AskHit[] }
  | { kind: 'offline' }
  | { kind: 'error'; error: ProtocolError };

interface Props {
  meetingId: string;
  /** Opens the reader at the page of a passage. */
  onOpen(documentId: string, page: number): void;
  /** `panel`: on the meeting page, under its heading; `bar`: under the reader's tools, closable. */
  variant: 'panel' | 'bar';
  onClose?(): void;
}

/**
 * A question to the meeting's assistant: it answers on the server, from the papers and notes
 * the person may see, with passages as written in them (never generated text).
 */
export function AssistantBox({ meetingId, onOpen, variant, onClose }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const headingId = useId();
  const [q, setQ] = useState('');
  const [answer, setAnswer] = useState<Answer>({ kind: 'idle' });
  // Only the last question's answer shows: an earlier, slower one arriving late is dropped.
  const asked = useRef(0);

  const ask = async () => {
    const question = q.trim();
    if (!question) return;
    const n = ++asked.current;
    setAnswer({ kind: 'asking' });
    const ack = await client.askAssistant(meetingId, question);
    if (n !== asked.current) return;
    if (ack.ok) setAnswer({ kind: 'hits', hits: ack.data });
    else if (ack.error.code === 'OFFLINE') setAnswer({ kind: 'offline' });
    else setAnswer({ kind: 'error', error: ack.error });
  };

  const title = t('assistant.title');
  return (
    <section
      className={`assistant assistant--${variant}`}
      aria-labelledby={headingId}
      data-testid={variant === 'bar' ? 'reader-assistant' : 'assistant'}
      onKeyDown={(e) => {
        // In the reader, Escape closes the question bar, not the reader behind it.
        if (e.key !== 'Escape' || !onClose) return;
        e.stopPropagation();
        onClose();
      }}
    >
      <h3 id={headingId} className={variant === 'bar' ? 'visually-hidden' : 'assistant__title'}>
        {title}
      </h3>
      <form
        className="assistant__form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void ask();
        }}
      >
        <label className="assistant__field">
          <span className="visually-hidden">{title}</span>
          <input
            className="input"
            type="search"
            enterKeyHint="search"
            // Opened from the reader's tools: the question is typed at once, as in the find bar.
            autoFocus={variant === 'bar'}
            value={q}
            maxLength={MAX_QUESTION}
            placeholder={variant === 'bar' ? title : t('assistant.placeholder')}
            onChange={(e) => setQ(e.target.value)}
            data-testid="assistant-input"
          />
          <CharacterCounter value={q} max={MAX_QUESTION} onlyNear />
        </label>
        <button
          type="submit"
          className="button button--primary"
          disabled={answer.kind === 'asking' || !q.trim()}
          data-testid="assistant-ask"
        >
          {t('assistant.ask')}
        </button>
        {onClose && (
          <button
            type="button"
            className="button"
            onClick={onClose}
            aria-label={t('assistant.close')}
            data-testid="assistant-close"
          >
            <Icon name="close" />
          </button>
        )}
      </form>
      <div className="assistant__result" aria-live="polite" aria-busy={answer.kind === 'asking'}>
        {answer.kind === 'asking' && (
          <p className="assistant__asking" role="status" data-testid="assistant-asking">
            <span className="assistant__spinner" aria-hidden="true" />
            {t('assistant.asking')}
          </p>
        )}
        {answer.kind === 'offline' && (
          <p className="notice assistant__offline" role="alert" data-testid="assistant-offline">
            {t('assistant.offline')}
          </p>
        )}
        {answer.kind === 'error' && <ErrorMessage error={answer.error} testId="assistant-error" />}
        {answer.kind === 'hits' && <AssistantAnswers hits={answer.hits} onOpen={onOpen} />}
      </div>
    </section>
  );
}
