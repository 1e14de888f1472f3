import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentInfo } from '../../../shared/protocol/index.js';
import { useClient } from '../client/ClientContext.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { markSeen } from '../documents/seen-versions.js';
import { AssistantBox } from '../assistant/AssistantBox.js';
import { AnnotatedExport } from './AnnotatedExport.js';
import { AnnotationNotices } from './AnnotationNotices.js';
import { AnnotationToolbar } from './AnnotationToolbar.js';
import { FindBar } from './FindBar.js';
import { NotesPanel } from './NotesPanel.js';
import { READER_FOLD, ReaderToolbar } from './ReaderToolbar.js';
import { ThumbnailStrip } from './ThumbnailStrip.js';
import { useAnnotations } from './use-annotations.js';
import { keyAction, useReaderGestures } from './use-reader-gestures.js';
import { usePdfViewer } from './use-pdf-viewer.js';
import { VersionCompare } from './VersionCompare.js';
import { VersionPicker } from './VersionPicker.js';
import { Icon } from '../components/Icon.js';

export interface ReaderTarget {
  page: number;
  /** Rises with every request, so asking for the page already asked for moves the reader again. */
  request: number;
}

interface Props {
  meetingId: string;
  document: DocumentInfo;
  /** An earlier version to show; undefined for the current one. */
  version: number | undefined;
  target: ReaderTarget;
  onVersion(version: number | undefined): void;
  /** The page on screen changed, for whatever reason (the presenter shares it). */
  onPage(page: number): void;
  /** The person moved by themselves: following the presenter stops. */
  onManual(): void;
  onClose(): void;
  /** Opens a paper of the meeting at a page (this one or another): the assistant's passages. */
  onOpenAt?(documentId: string, page: number): void;
  /** Presenter or follower controls, in the toolbar. */
  presenter?: ReactNode;
  /** A note for the toolbar's menu (how to enrol a signature). */
  note?: ReactNode;
}

const ZOOM_STEP = 1.25;

/** The reader: pdf.js's viewer full screen, with the tools a tablet needs around it. */
export function DocumentReader(props: Props) {
  const {
    meetingId,
    document: doc,
    version,
    target,
    onVersion,
    onPage,
    onManual,
    onClose,
    onOpenAt,
    presenter,
    note,
  } = props;
  const { t } = useTranslation();
  const client = useClient();
  const container = useRef<HTMLDivElement>(null);
  const viewerDiv = useRef<HTMLDivElement>(null);
  const [thumbs, setThumbs] = useState(() => window.matchMedia?.('(min-width: 900px)').matches ?? false);
  const [finding, setFinding] = useState(false);
  // The annotation bar starts hidden where the tools fold into a menu: a phone keeps the page.
  const [annotating, setAnnotating] = useState(() => !(window.matchMedia?.(READER_FOLD).matches ?? false));
  const [notesOpen, setNotesOpen] = useState(false);
  const [asking, setAsking] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [unsignedCopy, setUnsignedCopy] = useState(false);
  const [comparing, setComparing] = useState(false);
  const shown = version ?? doc.version;
  const sourceKey = `${doc.id}@${shown}:${doc.sha256}`;

  const open = useCallback(() => client.openDocument(doc.id, version), [client, doc.id, version]);
  const viewer = usePdfViewer(container, viewerDiv, sourceKey, open, client, onPage);
  const { state, goTo, step, setScale } = viewer;
  const notes = useAnnotations(viewer.marks?.bridge ?? null, viewer.marks?.shared ?? null, meetingId, doc.id, shown);
  const bridge = viewer.marks?.bridge;
  const tool = notes.tools.tool;
  // Compared with: the newest other version holding the user's notes, else the neighbouring one.
  const other =
    Math.max(0, ...notes.elsewhere.map((m) => m.version)) || (shown === doc.version ? shown - 1 : doc.version);

  useEffect(() => goTo(target.page), [goTo, target.page, target.request]);
  // Keys work at once: the button that opened the reader lies behind it.
  useEffect(() => container.current?.focus(), []);
  // The page it opened on (later pages are reported by pdf.js's page event, through the hook).
  useEffect(() => {
    if (state.status === 'ready') onPage(state.page);
    // Not on state.page: pdf.js's event already said it, before this render.
  }, [state.status, onPage]);
  useEffect(() => {
    if (state.status !== 'ready') return;
    markSeen(doc.id, shown);
    // Opened by the person, not fetched ahead: their brief counts changes from here. Through
    // the outbox, so an opening offline reaches the server once, later.
    void client.send('document:opened', { meetingId, documentId: doc.id, version: shown });
  }, [state.status, client, meetingId, doc.id, shown]);

  const manual = useCallback(
    (move: () => void) => {
      onManual();
      move();
    },
    [onManual],
  );
  useReaderGestures(container, {
    // With a tool on, a finger draws or selects: it must not turn the page.
    onSwipe: (direction) => tool === 'read' && manual(() => step(direction)),
    onPinch: (ratio) => setScale(state.scale * ratio),
  });

  return (
    <div
      className="reader"
      role="dialog"
      aria-modal="true"
      aria-label={doc.title}
      data-testid="reader"
      data-document-id={doc.id}
      data-version={shown}
      data-page={state.page}
      data-status={state.status}
      onKeyDown={(e) => {
        const target = e.target as HTMLElement;
        // Typing a note: its keys are the note's (Escape ends it, arrows move the caret).
        if (target.closest('[contenteditable="true"], .annotationEditorLayer')) return;
        if (e.key === 'Escape') return tool === 'read' ? onClose() : bridge?.setTool('read');
        if (target.closest('input, select, textarea')) return;
        const action = keyAction(e.key);
        if (!action) return;
        e.preventDefault();
        manual(() => {
          if (action.go === 'next') step(1);
          else if (action.go === 'prev') step(-1);
          else goTo(action.go === 'first' ? 1 : state.pages);
        });
      }}
    >
      <ReaderToolbar
        title={doc.title}
        state={state}
        thumbs={thumbs}
        finding={finding}
        annotating={annotating}
        onAnnotate={() => {
          // A hidden bar leaves no tool on: a finger on the page reads again.
          if (annotating) bridge?.setTool('read');
          setAnnotating((v) => !v);
        }}
        onGo={(page) => manual(() => goTo(page))}
        onStep={(delta) => manual(() => step(delta))}
        onZoom={(factor) => setScale(state.scale * factor)}
        zoomStep={ZOOM_STEP}
        onFit={() => setScale('page-width')}
        onThumbs={() => setThumbs((v) => !v)}
        onFind={() => setFinding((v) => !v)}
        onClose={onClose}
        versions={
          <VersionPicker
            meetingId={meetingId}
            documentId={doc.id}
            current={doc.version}
            shown={shown}
            onPick={(v) => onVersion(v === doc.version ? undefined : v)}
          />
        }
        presenter={presenter}
        note={note}
        extras={
          <>
            {onOpenAt && (
              <button
                type="button"
                className="button"
                aria-pressed={asking}
                onClick={() => setAsking((v) => !v)}
                data-testid="reader-assistant-toggle"
              >
                <Icon name="search" /> {t('assistant.open')}
              </button>
            )}
            <button
              type="button"
              className="button"
              aria-pressed={notesOpen}
              onClick={() => setNotesOpen((v) => !v)}
              data-testid="annotation-notes-toggle"
            >
              <Icon name="list" /> {t('annotations.list')}
            </button>
            {doc.version > 1 && (
              <button
                type="button"
                className="button"
                onClick={() => setComparing(true)}
                data-testid="annotation-compare"
              >
                {t('annotations.compare')}
              </button>
            )}
            <button
              type="button"
              className="button"
              onClick={() => setExporting(true)}
              data-testid="annotation-export-open"
            >
              <Icon name="download" /> {t('annotations.export.open')}
            </button>
          </>
        }
      />
      {annotating && (
        <AnnotationToolbar
          state={notes.tools}
          onTool={(next) => bridge?.setTool(next)}
          onColor={(color) => bridge?.setColor(color)}
          onSize={(size) => bridge?.setSize(size)}
          onUndo={() => bridge?.undo()}
          onRedo={() => bridge?.redo()}
          onDelete={() => bridge?.deleteSelected()}
          selectedShared={notes.selected ? notes.selected.shared : null}
          onShare={(shared) => notes.selected && notes.setShared(notes.selected.id, shared)}
        />
      )}
      <AnnotationNotices
        elsewhere={notes.elsewhere}
        onVersion={(v) => onVersion(v === doc.version ? undefined : v)}
        unsignedCopy={unsignedCopy}
        onUnderstood={() => setUnsignedCopy(false)}
      />
      {finding && (
        <FindBar
          result={state.find}
          onFind={viewer.find}
          onClose={() => {
            viewer.clearFind();
            setFinding(false);
          }}
        />
      )}
      {asking && onOpenAt && (
        <AssistantBox
          meetingId={meetingId}
          variant="bar"
          onOpen={(documentId, page) => {
            onOpenAt(documentId, page);
            // On a phone the answers cover the page just opened.
            if (window.matchMedia?.('(max-width: 720px)').matches) setAsking(false);
          }}
          onClose={() => setAsking(false)}
        />
      )}
      {version !== undefined && (
        <p className="reader__old" data-testid="reader-old-version">
          {t('reader.oldVersionNote', { version, current: doc.version })}
        </p>
      )}
      <div className="reader__body">
        {comparing && (
          <VersionCompare
            documentId={doc.id}
            current={doc.version}
            versions={[Math.min(shown, other), Math.max(shown, other)]}
            onClose={() => setComparing(false)}
          />
        )}
        {thumbs && viewer.pdf && (
          <ThumbnailStrip pdf={viewer.pdf} page={state.page} onPick={(page) => manual(() => goTo(page))} />
        )}
        <div className="reader__stage">
          {/* pdf.js owns everything inside this container; React renders only the two empty divs. */}
          <div
            ref={container}
            className={
              tool === 'ink' || tool === 'highlight' ? 'reader__viewport reader__viewport--drawing' : 'reader__viewport'
            }
            data-testid="reader-viewport"
            data-tool={tool}
            tabIndex={0}
          >
            <div ref={viewerDiv} className="pdfViewer" />
          </div>
          {state.status === 'loading' && (
            <p className="reader__status" data-testid="reader-loading">
              {t('reader.loading')}
            </p>
          )}
          {state.status === 'error' && (
            <div className="reader__status">
              {state.error === 'unreadable' ? (
                <p className="error-message" role="alert" data-testid="reader-error">
                  {t('reader.unreadable')}
                </p>
              ) : (
                <ErrorMessage error={state.error} testId="reader-error" />
              )}
            </div>
          )}
        </div>
        {notesOpen && (
          <NotesPanel
            marks={notes.shown}
            elsewhere={notes.elsewhere}
            userId={notes.userId}
            onGo={(page) => {
              manual(() => goTo(page));
              // On a phone the list covers the page it just went to.
              if (window.matchMedia?.('(max-width: 720px)').matches) setNotesOpen(false);
            }}
            onCarry={notes.carry}
            onShare={(mark, shared) => notes.setShared(mark.id, shared)}
            onDelete={(mark) => notes.remove(mark.id)}
            onClose={() => setNotesOpen(false)}
          />
        )}
      </div>
      <AnnotatedExport
        open={exporting}
        documentId={doc.id}
        version={shown}
        onClose={() => setExporting(false)}
        onSaved={setUnsignedCopy}
      />
    </div>
  );
}
