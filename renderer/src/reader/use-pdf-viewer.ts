import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { loadDocument, MAX_CANVAS_PIXELS, type PDFDocumentProxy } from './pdfjs.js';
import { EventBus, LinkTarget, PDFLinkService, PDFViewer, ScrollMode } from 'pdfjs-dist/web/pdf_viewer.mjs';
import { AnnotationEditorType } from 'pdfjs-dist';
import 'pdfjs-dist/web/pdf_viewer.css';
import type { DocumentSource } from '../../../shared/client/api.js';
import type { ProtocolError } from '../../../shared/protocol/index.js';
import { AnnotationBridge } from './annotation-bridge.js';
import { PDFJS_HIGHLIGHT_COLORS } from './annotation-palette.js';
import { SharedMarks } from './shared-marks.js';
import { CabinetFindController } from './cabinet-find-controller.js';
import { RangeRefusedError, type RangeReader } from './cached-range-transport.js';

export const MIN_SCALE = 0.25;
export const MAX_SCALE = 5;

export interface FindResult {
  current: number;
  total: number;
  /** pdf.js's FindState: 0 found, 1 not found, 2 wrapped, 3 pending. */
  state: number;
}

export interface ViewerState {
  status: 'loading' | 'ready' | 'error';
  /** The server's refusal, or `unreadable`: pdf.js could not open the bytes. */
  error: ProtocolError | 'unreadable' | null;
  page: number;
  pages: number;
  scale: number;
  find: FindResult | null;
}

const INITIAL: ViewerState = { status: 'loading', error: null, page: 1, pages: 0, scale: 1, find: null };

interface Parts {
  viewer: PDFViewer;
  eventBus: EventBus;
  linkService: PDFLinkService;
  annotations: AnnotationBridge;
}

/** Where the bytes come from: the client core decides (cache or ranges). */
export type OpenSource = () => Promise<{ ok: true; data: DocumentSource } | { ok: false; error: ProtocolError }>;

/**
 * pdf.js's own viewer in a container React does not render into: the container must be
 * absolutely positioned and hold one empty `.pdfViewer` div. One page at a time (ScrollMode.PAGE),
 * so a swipe, a key or the presenter moves the reader by whole pages.
 */
export function usePdfViewer(
  container: RefObject<HTMLDivElement | null>,
  viewerDiv: RefObject<HTMLDivElement | null>,
  /** Changes when another document or version is to be opened. */
  sourceKey: string,
  open: OpenSource,
  /** Reads a `cached` source's ranges as pdf.js asks for them (the client core). */
  ranges: RangeReader,
  /** Called in pdf.js's own page event, before React renders: the presenter's page leaves at once. */
  onPageChange?: (page: number) => void,
) {
  const [state, setState] = useState<ViewerState>(INITIAL);
  const parts = useRef<Parts | null>(null);
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [marks, setMarks] = useState<{ bridge: AnnotationBridge; shared: SharedMarks } | null>(null);
  /** A page asked for before the document was ready. */
  const pending = useRef<number | null>(null);
  const openRef = useRef(open);
  openRef.current = open;
  const rangesRef = useRef(ranges);
  rangesRef.current = ranges;
  const pageRef = useRef(onPageChange);
  pageRef.current = onPageChange;

  useEffect(() => {
    const box = container.current;
    const inner = viewerDiv.current;
    if (!box || !inner) return;
    const eventBus = new EventBus();
    // A link inside a paper must not take the app's tab away (a hostile PDF could send it to
    // a look-alike sign-in page): it opens apart, without a handle back to the app.
    const linkService = new PDFLinkService({
      eventBus,
      externalLinkTarget: LinkTarget.BLANK,
      externalLinkRel: 'noopener noreferrer nofollow',
    });
    const findController = new CabinetFindController({ linkService, eventBus, updateMatchesCountOnProgress: true });
    const unmounted = new AbortController();
    const viewer = new PDFViewer({
      // Neither is in pdf.js's typings, but both are honoured: unmounting removes the viewer's
      // listeners; a text selection offers pdf.js's "highlight" button.
      ...({ abortSignal: unmounted.signal, enableHighlightFloatingButton: true } as object),
      container: box,
      viewer: inner,
      eventBus,
      linkService,
      findController,
      maxCanvasPixels: MAX_CANVAS_PIXELS,
      textLayerMode: 1,
      // Said, not left to defaults: the editors start in reading mode, with our highlight colours.
      annotationEditorMode: AnnotationEditorType.NONE,
      annotationEditorHighlightColors: PDFJS_HIGHLIGHT_COLORS,
    });
    linkService.setViewer(viewer);
    const annotations = new AnnotationBridge(eventBus, viewer, box);
    parts.current = { viewer, eventBus, linkService, annotations };
    const shared = new SharedMarks(eventBus, viewer);
    setMarks({ bridge: annotations, shared });
    eventBus.on('pagesinit', () => {
      viewer.scrollMode = ScrollMode.PAGE;
      viewer.currentScaleValue = 'page-width';
      if (pending.current !== null) viewer.currentPageNumber = Math.min(pending.current, viewer.pagesCount);
      pending.current = null;
      setState((s) => ({ ...s, status: 'ready', pages: viewer.pagesCount, page: viewer.currentPageNumber }));
    });
    eventBus.on('pagechanging', (e: { pageNumber: number }) => {
      pageRef.current?.(e.pageNumber);
      setState((s) => ({ ...s, page: e.pageNumber }));
    });
    eventBus.on('scalechanging', (e: { scale: number }) => setState((s) => ({ ...s, scale: e.scale })));
    eventBus.on('updatefindmatchescount', (e: { matchesCount: { current: number; total: number } }) =>
      setState((s) => ({ ...s, find: { state: s.find?.state ?? 3, ...e.matchesCount } })),
    );
    eventBus.on('updatefindcontrolstate', (e: { state: number; matchesCount: { current: number; total: number } }) =>
      setState((s) => ({ ...s, find: { state: e.state, ...e.matchesCount } })),
    );
    // A tablet turned, a sidebar opened: "fit to width" follows the new width.
    const resize = new ResizeObserver(() => {
      if (viewer.pdfDocument && viewer.currentScaleValue === 'page-width') viewer.currentScaleValue = 'page-width';
    });
    resize.observe(box);
    return () => {
      resize.disconnect();
      annotations.destroy();
      shared.destroy();
      setMarks(null);
      unmounted.abort();
      viewer.cleanup();
      parts.current = null;
    };
  }, [container, viewerDiv]);

  useEffect(() => {
    let cancelled = false;
    let task: ReturnType<typeof loadDocument> | null = null;
    setState((s) => ({ ...INITIAL, page: pending.current ?? s.page }));
    setPdf(null);
    // The previous document goes first, so a page asked for now waits for the new one; what was
    // drawn on it is sent before its editors go.
    parts.current?.annotations.reconcile();
    parts.current?.viewer.setDocument(null as unknown as PDFDocumentProxy);
    parts.current?.linkService.setDocument(null);
    void (async () => {
      const answer = await openRef.current();
      if (cancelled) return;
      if (!answer.ok) {
        setState((s) => ({ ...s, status: 'error', error: answer.error }));
        return;
      }
      task = loadDocument(answer.data, rangesRef.current);
      try {
        const doc = await task.promise;
        if (cancelled || !parts.current) return;
        parts.current.viewer.setDocument(doc);
        parts.current.linkService.setDocument(doc);
        setPdf(doc);
      } catch (error) {
        if (cancelled) return;
        console.warn('pdf.js could not open the document', error);
        // A range the core refused (the paper withdrawn meanwhile) says why; anything else is the file.
        const reason = (error instanceof RangeRefusedError && error.error) || 'unreadable';
        setState((s) => ({ ...s, status: 'error', error: reason }));
      }
    })();
    return () => {
      cancelled = true;
      void task?.destroy();
    };
  }, [sourceKey]);

  const goTo = useCallback((page: number) => {
    const viewer = parts.current?.viewer;
    if (!viewer?.pdfDocument || viewer.pagesCount === 0) {
      pending.current = page;
      return;
    }
    viewer.currentPageNumber = Math.max(1, Math.min(page, viewer.pagesCount));
  }, []);

  const step = useCallback(
    (delta: number) => {
      const viewer = parts.current?.viewer;
      if (viewer?.pdfDocument) goTo(viewer.currentPageNumber + delta);
    },
    [goTo],
  );

  const setScale = useCallback((scale: number | 'page-width') => {
    const viewer = parts.current?.viewer;
    if (!viewer?.pdfDocument) return;
    if (scale === 'page-width') viewer.currentScaleValue = 'page-width';
    else viewer.currentScale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale));
  }, []);

  const find = useCallback((query: string, again: boolean, previous = false) => {
    parts.current?.eventBus.dispatch('find', {
      source: null,
      type: again ? 'again' : '',
      query,
      caseSensitive: false,
      entireWord: false,
      highlightAll: true,
      findPrevious: previous,
      // Letters match without their marks: "bieu quyet" finds "biểu quyết".
      matchDiacritics: false,
    });
  }, []);

  const clearFind = useCallback(() => {
    parts.current?.eventBus.dispatch('findbarclose', { source: null });
    setState((s) => ({ ...s, find: null }));
  }, []);

  return { state, pdf, marks, goTo, step, setScale, find, clearFind };
}
