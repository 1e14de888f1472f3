import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItem } from '../../../shared/protocol/index.js';
import { useClient, useClientState } from '../client/ClientContext.js';
import { Icon } from '../components/Icon.js';
import { BriefBody, type BriefFetch } from './BriefBody.js';

interface Props {
  meetingId: string;
  agenda: readonly AgendaItem[];
  /** Opens the reader at a page: the meeting page's own, as for the assistant's answers. */
  onOpen(documentId: string, page: number): void;
  onClose(): void;
}

/**
 * The person's brief of the meeting: per agenda item (sub-items indented), each paper's key
 * sentences, figures and dates picked from it, and what changed since the version they
 * opened. Fetched again when it opens; the kept one (brief-sync.ts) shows meanwhile and
 * offline, with its time.
 */
export function BriefView({ meetingId, agenda, onOpen, onClose }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const held = useClientState().briefs?.[meetingId];
  const headingId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const [fetch, setFetch] = useState<BriefFetch>({ kind: 'loading' });
  const [round, setRound] = useState(0);

  useEffect(() => closeRef.current?.focus(), []);
  useEffect(() => {
    let live = true;
    setFetch({ kind: 'loading' });
    void client.refreshBrief(meetingId).then((ack) => {
      if (!live) return;
      if (ack.ok) setFetch({ kind: 'done' });
      else if (ack.error.code === 'OFFLINE') setFetch({ kind: 'offline' });
      else setFetch({ kind: 'error', error: ack.error });
    });
    return () => {
      live = false;
    };
  }, [client, meetingId, round]);

  return (
    <section
      className="brief"
      role="dialog"
      aria-modal="true"
      aria-labelledby={headingId}
      data-testid="brief"
      data-status={fetch.kind}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onClose();
      }}
    >
      <header className="brief__bar">
        <h2 id={headingId} className="brief__title">
          {t('brief.title')}
        </h2>
        <button
          type="button"
          className="button"
          onClick={() => setRound((r) => r + 1)}
          disabled={fetch.kind === 'loading'}
          data-testid="brief-refresh"
        >
          {t('brief.refresh')}
        </button>
        <button
          ref={closeRef}
          type="button"
          className="button"
          onClick={onClose}
          aria-label={t('brief.close')}
          data-testid="brief-close"
        >
          <Icon name="close" />
        </button>
      </header>
      <BriefBody held={held} fetch={fetch} agenda={agenda} onOpen={onOpen} />
    </section>
  );
}
