import { useTranslation } from 'react-i18next';
import type { BriefFigure, BriefPaper as Paper } from '../../../shared/protocol/index.js';
import { PassageLink } from '../assistant/PassageLink.js';

type OnOpen = (documentId: string, page: number) => void;

/** Amounts or dates, each a button to its page; the sentence it stands in is its tooltip. */
function Figures({
  paper,
  list,
  kind,
  onOpen,
}: {
  paper: Paper;
  list: BriefFigure[];
  kind: 'figures' | 'dates';
  onOpen: OnOpen;
}) {
  const { t } = useTranslation();
  if (list.length === 0) return null;
  return (
    <div className="brief-paper__figures" data-testid={`brief-${kind}`}>
      <h5 className="brief-paper__subhead">{t(`brief.${kind}`)}</h5>
      <ul className="brief-chips">
        {list.map((f) => (
          <li key={`${f.text}:${f.page}`}>
            <button
              type="button"
              className={`brief-chip${f.deadline ? ' brief-chip--deadline' : ''}`}
              title={f.sentence}
              onClick={() => onOpen(paper.documentId, f.page)}
              data-testid="brief-figure"
              data-page={f.page}
              data-deadline={f.deadline ? 'true' : undefined}
            >
              {f.deadline && <span className="brief-chip__badge">{t('brief.deadline')}</span>}
              <span className="brief-chip__text">{f.text}</span>
              <span className="brief-chip__page">{t('assistant.page', { page: f.page })}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What the person last opened of the paper, and what changed since, in plain words. */
function Changes({ paper, onOpen }: { paper: Paper; onOpen: OnOpen }) {
  const { t } = useTranslation();
  if (paper.lastOpenedVersion === null)
    return (
      <p className="brief-paper__opened" data-testid="brief-never-opened">
        {t('brief.neverOpened')}
      </p>
    );
  const changes = paper.changes;
  if (!changes)
    return (
      <p className="brief-paper__opened" data-testid="brief-opened-current">
        {t('brief.openedCurrent')}
      </p>
    );
  const noText = changes.added.length === 0 && changes.removed.length === 0;
  return (
    <div className="brief-changes" data-testid="brief-changes" data-since={changes.sinceVersion}>
      <h5 className="brief-paper__subhead">{t('brief.changedSince', { version: changes.sinceVersion })}</h5>
      {changes.changedPages.length > 0 && (
        <div className="brief-changes__pages">
          <span>{t('brief.changedPages')}:</span>
          <ul className="brief-chips">
            {changes.changedPages.map((page) => (
              <li key={page}>
                <button
                  type="button"
                  className="brief-chip"
                  onClick={() => onOpen(paper.documentId, Math.min(page, Math.max(1, paper.pages)))}
                  data-testid="brief-changed-page"
                  data-page={page}
                >
                  {t('assistant.page', { page })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {noText && <p className="brief-paper__muted">{t('brief.noChangedText')}</p>}
      {changes.added.length > 0 && (
        <>
          <h6 className="brief-changes__kind">{t('brief.added')}</h6>
          <SentenceLinks
            paper={paper}
            sentences={changes.added}
            listTestId="brief-added"
            testId="brief-added-sentence"
            onOpen={onOpen}
          />
        </>
      )}
      {changes.removed.length > 0 && (
        <>
          <h6 className="brief-changes__kind">{t('brief.removed')}</h6>
          {/* Pages of the old version: nothing to open them in from here, so plain text. */}
          <ul className="brief-sentences brief-sentences--removed" data-testid="brief-removed">
            {changes.removed.map((s, i) => (
              <li key={i} className="brief-removed">
                <span className="brief-removed__source">
                  {t('brief.removedSource', { page: s.page, version: changes.sinceVersion })}
                </span>
                <del>{s.text}</del>
              </li>
            ))}
          </ul>
        </>
      )}
      {changes.truncated && <p className="brief-paper__muted">{t('brief.truncated')}</p>}
    </div>
  );
}

/** Sentences of a paper, each opening the reader at its page. */
function SentenceLinks(props: {
  paper: Paper;
  sentences: ReadonlyArray<{ page: number; text: string }>;
  ordered?: boolean;
  listTestId: string;
  testId: string;
  passageTestId?: string;
  onOpen: OnOpen;
}) {
  const { t } = useTranslation();
  const { paper, sentences, listTestId, testId, passageTestId, onOpen } = props;
  const items = sentences.map((s, i) => (
    <li key={i}>
      <PassageLink
        documentId={paper.documentId}
        page={s.page}
        source={t('assistant.page', { page: s.page })}
        testId={testId}
        {...(passageTestId ? { passageTestId } : {})}
        onOpen={onOpen}
      >
        {s.text}
      </PassageLink>
    </li>
  ));
  return props.ordered ? (
    <ol className="brief-sentences" data-testid={listTestId}>
      {items}
    </ol>
  ) : (
    <ul className="brief-sentences" data-testid={listTestId}>
      {items}
    </ul>
  );
}

/** One paper in the brief: its key sentences with their pages, its figures and dates, and what changed. */
export function BriefPaper({ paper, onOpen }: { paper: Paper; onOpen: OnOpen }) {
  const { t } = useTranslation();
  return (
    <article className="brief-paper" data-testid="brief-paper" data-document-id={paper.documentId}>
      <h4 className="brief-paper__title">
        {paper.title}
        {/* A first version says nothing; a later one tells the delegate the paper was revised. */}
        {paper.version > 1 && (
          <span className="brief-paper__version"> ({t('brief.version', { version: paper.version })})</span>
        )}
      </h4>
      <Changes paper={paper} onOpen={onOpen} />
      <h5 className="brief-paper__subhead">{t('brief.summary')}</h5>
      {paper.summary.length === 0 ? (
        <p className="brief-paper__muted">{t('brief.noSummary')}</p>
      ) : (
        <SentenceLinks
          paper={paper}
          sentences={paper.summary}
          ordered
          listTestId="brief-summary"
          testId="brief-sentence"
          passageTestId="brief-sentence-text"
          onOpen={onOpen}
        />
      )}
      <Figures paper={paper} list={paper.figures} kind="figures" onOpen={onOpen} />
      <Figures paper={paper} list={paper.dates} kind="dates" onOpen={onOpen} />
      {paper.moreFigures && <p className="brief-paper__muted">{t('brief.moreFigures')}</p>}
    </article>
  );
}
