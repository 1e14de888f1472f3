import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeldBrief } from '../../../shared/client/store.js';
import { numberAgenda } from '../../../shared/domain/index.js';
import type { AgendaItem, MeetingBrief, ProtocolError } from '../../../shared/protocol/index.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { formatDateTime } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';
import { BriefPaper } from './BriefPaper.js';

/** The server's label of the brief, in the reader's language: it is a code, never shown as is. */
const LABEL_KEYS = {
  'automatic-extracts': 'brief.automaticExtracts',
} as const satisfies Record<MeetingBrief['label'], string>;

/** How asking the server for the brief again went. */
export type BriefFetch =
  { kind: 'loading' } | { kind: 'done' } | { kind: 'offline' } | { kind: 'error'; error: ProtocolError };

interface Props {
  /** The brief the device holds (absent before the first answer). */
  held: HeldBrief | undefined;
  fetch: BriefFetch;
  agenda: readonly AgendaItem[];
  onOpen(documentId: string, page: number): void;
}

/** The brief's content: its label, how fresh it is, and each agenda item's papers. */
export function BriefBody({ held, fetch, agenda, onOpen }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const numbered = useMemo(() => new Map(numberAgenda(agenda).map((i) => [i.id, i])), [agenda]);
  const brief = held?.brief;
  const time = held ? formatDateTime(held.fetchedAt, lang, 'short', 'device') : '';
  const papers = brief?.sections.reduce((n, s) => n + s.papers.length, 0) ?? 0;
  return (
    <div className="brief__body">
      <p className="extracts-label" data-testid="brief-label">
        {t(LABEL_KEYS[brief?.label ?? 'automatic-extracts'])}
      </p>
      <div aria-live="polite" aria-busy={fetch.kind === 'loading'}>
        {fetch.kind === 'loading' && !held && (
          <p className="assistant__asking" role="status" data-testid="brief-loading">
            <span className="assistant__spinner" aria-hidden="true" />
            {t('brief.loading')}
          </p>
        )}
        {fetch.kind === 'offline' && (
          <p className="notice" role="status" data-testid="brief-offline">
            {held ? t('brief.offline', { time }) : t('brief.offlineNone')}
          </p>
        )}
        {fetch.kind === 'error' && <ErrorMessage error={fetch.error} testId="brief-error" />}
      </div>
      {held && fetch.kind !== 'offline' && (
        <p className="brief__time" data-testid="brief-time">
          {t('brief.fetchedAt', { time })}
        </p>
      )}
      {brief && papers === 0 && (
        <p className="empty" data-testid="brief-empty">
          {t('brief.empty')}
        </p>
      )}
      {brief &&
        papers > 0 &&
        brief.sections.map((section) => {
          const item = section.agendaItemId ? numbered.get(section.agendaItemId) : undefined;
          const depth = item?.depth ?? 0;
          const heading =
            section.agendaItemId === null
              ? t('documents.general')
              : item
                ? `${item.number}. ${item.title}`
                : (section.title ?? '');
          return (
            <section
              key={section.agendaItemId ?? 'other'}
              className={`brief-section${depth > 0 ? ' brief-section--sub' : ''}`}
              style={depth > 1 ? { marginInlineStart: `${Math.min(depth, 3) * 12}px` } : undefined}
              data-testid="brief-section"
              data-item-id={section.agendaItemId ?? ''}
              data-depth={depth}
            >
              <h3 className="brief-section__title">{heading}</h3>
              {section.papers.length === 0 ? (
                <p className="brief-paper__muted">{t('brief.noPapers')}</p>
              ) : (
                section.papers.map((paper) => <BriefPaper key={paper.documentId} paper={paper} onOpen={onOpen} />)
              )}
            </section>
          );
        })}
    </div>
  );
}
