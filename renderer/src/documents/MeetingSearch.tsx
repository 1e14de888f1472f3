import { useState } from 'react';
import { CharacterCounter } from '../components/CharacterCounter.js';
import { useTranslation } from 'react-i18next';
import type { ProtocolError, SearchHit } from '../../../shared/protocol/index.js';
import { useClient } from '../client/ClientContext.js';
import { ErrorMessage } from '../components/ErrorMessage.js';

/**
 * Search every paper of the meeting on the server (letters without marks, `đ` as `d`), and
 * the user's own notes and those shared with them: a hit opens the reader at its page.
 */
export function MeetingSearch({
  meetingId,
  onOpen,
}: {
  meetingId: string;
  onOpen(documentId: string, page: number): void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<readonly SearchHit[] | null>(null);
  const [error, setError] = useState<ProtocolError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="doc-search" data-testid="documents-search">
      <form
        className="doc-search__form"
        role="search"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const query = q.trim();
          if (!query) return;
          setBusy(true);
          setError(null);
          const ack = await client.request('document:search', { meetingId, q: query });
          setBusy(false);
          if (ack.ok) setHits(ack.data.hits);
          else setError(ack.error);
        }}
      >
        <label className="doc-search__field">
          <span className="visually-hidden">{t('documents.searchLabel')}</span>
          <input
            className="input"
            type="search"
            value={q}
            maxLength={200}
            placeholder={t('documents.searchPlaceholder')}
            onChange={(e) => setQ(e.target.value)}
            data-testid="documents-search-input"
          />
          <CharacterCounter value={q} max={200} onlyNear />
        </label>
        <button type="submit" className="button" disabled={busy || !q.trim()} data-testid="documents-search-submit">
          {t('documents.search')}
        </button>
      </form>
      <ErrorMessage error={error} testId="documents-search-error" />
      {hits && (
        <ul className="doc-search__hits" data-testid="documents-search-hits" aria-live="polite">
          {hits.length === 0 && <li className="empty">{t('documents.searchNone')}</li>}
          {hits.map((hit) => (
            <li key={hit.annotation ? `note:${hit.annotation.id}` : `${hit.documentId}:${hit.page}`}>
              <button
                type="button"
                className="doc-hit"
                onClick={() => onOpen(hit.documentId, hit.page)}
                data-testid="documents-search-hit"
                data-document-id={hit.documentId}
                data-page={hit.page}
              >
                <span className="doc-hit__title">
                  {hit.title} · {t('documents.page', { page: hit.page })}
                  {hit.annotation && (
                    <span className="doc-hit__note" data-testid="documents-search-note">
                      {' · '}
                      {t('documents.searchNoteBy', { name: hit.annotation.author.displayName })}
                    </span>
                  )}
                </span>
                <span className="doc-hit__snippet">{hit.snippet}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
