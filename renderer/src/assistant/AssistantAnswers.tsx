import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { AskHit } from '../../../shared/protocol/index.js';
import { highlightSegments } from './highlight.js';

/**
 * The passages that answer a question: each its paper, its page and the words asked about
 * marked, opening the reader there. Said plainly to be extracts: nothing here is written by
 * the assistant.
 */
export function AssistantAnswers({
  hits,
  onOpen,
}: {
  hits: readonly AskHit[];
  onOpen(documentId: string, page: number): void;
}) {
  const { t } = useTranslation();
  if (hits.length === 0) {
    return (
      <p className="empty assistant__none" data-testid="assistant-none">
        {t('assistant.none')}
      </p>
    );
  }
  return (
    <div className="assistant__answers">
      <p className="assistant__extracts" data-testid="assistant-extracts-note">
        {t('assistant.extracts')} · {t('assistant.count', { count: hits.length })}
      </p>
      <ol className="assistant__hits" data-testid="assistant-hits">
        {hits.map((hit) => (
          <li key={`${hit.documentId}:${hit.page}:${hit.annotationId ?? ''}:${hit.passage}`}>
            <button
              type="button"
              className="assistant-hit"
              onClick={() => onOpen(hit.documentId, hit.page)}
              data-testid="assistant-hit"
              data-document-id={hit.documentId}
              data-page={hit.page}
            >
              <span className="assistant-hit__source">
                {hit.title} · {t('assistant.page', { page: hit.page })}
                {hit.annotationId && ` · ${t('assistant.note')}`}
              </span>
              <q className="assistant-hit__passage" data-testid="assistant-hit-passage">
                {highlightSegments(hit.passage, hit.highlights).map((segment, i) =>
                  segment.mark ? <mark key={i}>{segment.text}</mark> : <Fragment key={i}>{segment.text}</Fragment>,
                )}
              </q>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
