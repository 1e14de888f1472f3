import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { AskHit } from '../../../shared/protocol/index.js';
import { highlightSegments } from './highlight.js';
import { PassageLink } from './PassageLink.js';

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
      <p className="extracts-label" data-testid="assistant-extracts-note">
        {t('assistant.extracts')} · {t('assistant.count', { count: hits.length })}
      </p>
      <ol className="assistant__hits" data-testid="assistant-hits">
        {hits.map((hit) => (
          <li key={`${hit.documentId}:${hit.page}:${hit.annotationId ?? ''}:${hit.passage}`}>
            <PassageLink
              documentId={hit.documentId}
              page={hit.page}
              source={
                <>
                  {hit.title} · {t('assistant.page', { page: hit.page })}
                  {hit.annotationId && ` · ${t('assistant.note')}`}
                </>
              }
              testId="assistant-hit"
              passageTestId="assistant-hit-passage"
              onOpen={onOpen}
            >
              {highlightSegments(hit.passage, hit.highlights).map((segment, i) =>
                segment.mark ? <mark key={i}>{segment.text}</mark> : <Fragment key={i}>{segment.text}</Fragment>,
              )}
            </PassageLink>
          </li>
        ))}
      </ol>
    </div>
  );
}
