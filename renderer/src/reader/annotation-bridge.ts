import { uuidv7 } from 'uuidv7';
import type { EventBus, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import type { Annotation, AnnotationInput } from '../../../shared/protocol/index.js';
import {
  fromSerialized,
  markKey,
  MODE_OF,
  PARAM,
  recordMark,
  toEditorData,
  type Mark,
  type SerializedEditor,
  type Tool,
} from './annotation-shapes.js';

export type { Tool } from './annotation-shapes.js';

/*
 * The one file that drives pdf.js's annotation editors (none of it is a stable API; line
 * numbers are node_modules/pdfjs-dist/build/pdf.mjs 5.4.624). pdf.js draws and edits; we keep
 * our own record: `reconcile()` reads what the editors hold and sends what changed, and
 * records from the user's other devices are put back into the editors.
 */

/** The parts of pdf.js's AnnotationEditor we use. */
interface PdfEditor {
  x: number;
  y: number;
  readonly pageDimensions: [number, number];
  serialize(isForCopying?: boolean): SerializedEditor | null;
  remove(): void;
  isInEditMode(): boolean;
  fixAndSetPosition(): void;
}

interface EditorLayer {
  readonly viewport: { rotation: number };
  deserialize(data: Record<string, unknown>): Promise<PdfEditor | null>;
  addOrRebuild(editor: PdfEditor): void;
}

/** AnnotationEditorUIManager (pdf.mjs:2700), given by the viewer's `annotationeditoruimanager` event. */
interface UiManager {
  getLayer(pageIndex: number): EditorLayer | undefined;
  updateParams(type: number, value: unknown): void;
  isSelected(editor: PdfEditor): boolean;
  readonly firstSelectedEditor: PdfEditor | null;
  addCommands(params: unknown): void;
  undo(): void;
  redo(): void;
  delete(): void;
  unselectAll(): void;
}

interface EditorStorage {
  readonly serializable: { map: Map<string, SerializedEditor> | null };
  getRawValue(key: string): unknown;
}

export interface BridgeState {
  /** A document is open and pdf.js's editors are ready. */
  ready: boolean;
  tool: Tool;
  canUndo: boolean;
  canRedo: boolean;
  /** The id of the user's annotation selected now (the first, if several). */
  selectedId: string | null;
}

export interface BridgeHost {
  documentId: string;
  version: number;
  save(annotation: AnnotationInput): void;
  remove(annotationId: string): void;
}

/** What our record keeps that pdf.js does not know. */
interface Extra {
  createdAt: string;
  quote: string;
  carriedFrom: string | null;
  /** A comment on a highlight or drawing (a note's text is the editor's own). */
  text: string;
}

const SETTLE_MS = 400;
/** A text selection this recent is the quote of the highlight made from it. */
const QUOTE_MS = 30_000;

export class AnnotationBridge {
  private ui: UiManager | null = null;
  private host: BridgeHost | null = null;
  private state: BridgeState = { ready: false, tool: 'read', canUndo: false, canRedo: false, selectedId: null };
  private readonly listeners = new Set<() => void>();
  /** Editor ⇄ ids: undoing a delete brings back the same editor object, so it keeps its ids. */
  private idsOf = new WeakMap<PdfEditor, string[]>();
  private editorOf = new Map<string, PdfEditor>();
  /** Per id, the mark its editor held when last sent or placed: a different one is a change. */
  private editorKey = new Map<string, string>();
  /** Per id, the record last sent or placed: a different one came from another device. */
  private recordKey = new Map<string, string>();
  private extra = new Map<string, Extra>();
  /** Records to place once their page is rendered and nobody is editing them. */
  private waiting = new Map<string, Annotation>();
  private present = new Set<string>();
  /** The last records given, to place again when pdf.js makes its editors anew. */
  private records: readonly Annotation[] = [];
  private quote: { text: string; at: number } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly stop = new AbortController();

  constructor(
    private readonly eventBus: EventBus,
    private readonly viewer: PDFViewer,
    container: HTMLElement,
  ) {
    const signal = this.stop.signal;
    eventBus.on('annotationeditoruimanager', ({ uiManager }: { uiManager: UiManager }) => this.adopt(uiManager), {
      signal,
    });
    eventBus.on(
      'annotationeditorstateschanged',
      ({ details }: { details: Record<string, boolean> }) => {
        this.update({
          canUndo: !!details.hasSomethingToUndo,
          canRedo: !!details.hasSomethingToRedo,
          selectedId: this.selected(),
        });
        this.schedule();
        this.flush();
      },
      { signal },
    );
    eventBus.on(
      'annotationeditormodechanged',
      ({ mode }: { mode: number }) => {
        const tool = (Object.keys(MODE_OF) as Tool[]).find((t) => MODE_OF[t] === mode) ?? 'read';
        this.update({ tool });
        this.reconcile();
        this.flush();
      },
      { signal },
    );
    eventBus.on('annotationeditorlayerrendered', () => this.flush(), { signal });
    eventBus.on('pagechanging', () => this.reconcile(), { signal });
    for (const type of ['pointerup', 'keyup', 'focusout'] as const) {
      container.addEventListener(type, () => this.schedule(), { signal });
    }
    const page = container.ownerDocument;
    page.addEventListener(
      'selectionchange',
      () => {
        const selection = page.getSelection();
        if (!selection || selection.isCollapsed || !container.contains(selection.anchorNode)) return;
        this.quote = { text: selection.toString().normalize('NFC').trim().slice(0, 2000), at: Date.now() };
      },
      { signal },
    );
  }

  /** Which document version is open, and where its changes go; null while none is. */
  open(host: BridgeHost | null): void {
    if (host && this.host && host.documentId === this.host.documentId && host.version === this.host.version) {
      this.host = host;
      return;
    }
    this.reconcile();
    this.host = host;
  }

  /** The user's own annotations of the open version as the client holds them now. */
  setRecords(records: readonly Annotation[]): void {
    this.records = records;
    const now = new Set<string>();
    for (const r of records) {
      if (r.deleted || !r.geometry) continue;
      now.add(r.id);
      this.extra.set(r.id, { createdAt: r.createdAt, quote: r.quote, carriedFrom: r.carriedFrom, text: r.text });
      if (this.recordKey.get(r.id) !== markKey(recordMark(r))) this.waiting.set(r.id, r);
    }
    // Deleted on another device: the editor goes, without sending anything back.
    for (const id of this.present) {
      if (now.has(id)) continue;
      this.waiting.delete(id);
      const editor = this.editorOf.get(id);
      if (editor && this.recordKey.has(id)) {
        this.forget(id, editor);
        editor.remove();
      }
    }
    this.present = now;
    this.flush();
  }

  getState = (): BridgeState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  setTool(tool: Tool): void {
    if (!this.ui || !this.viewer.pdfDocument) return;
    this.viewer.annotationEditorMode = { mode: MODE_OF[tool] };
  }

  /** The colour of the selected annotation, or of the next ones the tool makes. */
  setColor(color: string): void {
    const type = { highlight: PARAM.HIGHLIGHT_COLOR, ink: PARAM.INK_COLOR, note: PARAM.FREETEXT_COLOR, read: null }[
      this.state.tool
    ];
    if (type !== null) this.ui?.updateParams(type, color);
    this.schedule();
  }

  /** Stroke width in points (ink, free highlight) or, for notes, the letter size. */
  setSize(size: number): void {
    const type = {
      highlight: PARAM.HIGHLIGHT_THICKNESS,
      ink: PARAM.INK_THICKNESS,
      note: PARAM.FREETEXT_SIZE,
      read: null,
    }[this.state.tool];
    if (type !== null) this.ui?.updateParams(type, size);
    this.schedule();
  }

  undo = () => this.ui?.undo();
  redo = () => this.ui?.redo();
  deleteSelected = () => this.ui?.delete();

  /** Reads every editor and sends what changed since the last time: calling it twice sends nothing new. */
  reconcile(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const storage = this.viewer.pdfDocument?.annotationStorage as EditorStorage | undefined;
    const { ui, host } = this;
    if (!ui || !host || !storage) return;
    const alive = new Set<string>();
    for (const [key, serialized] of storage.serializable.map ?? []) {
      const editor = storage.getRawValue(key) as PdfEditor;
      const marks = fromSerialized(serialized);
      if (marks.length === 0) continue;
      // A deleted id was dropped from its editor (forget): the server keeps its tombstone, so an
      // undone delete comes back under a new id.
      const ids = this.idsOf.get(editor) ?? [];
      const kept = marks.map((mark, i) => {
        const id = ids[i] ?? uuidv7();
        alive.add(id);
        this.editorOf.set(id, editor);
        const seen = markKey(mark);
        if (this.editorKey.get(id) !== seen) {
          host.save(this.record(id, mark, host));
          this.editorKey.set(id, seen);
          this.recordKey.set(id, seen);
        }
        return id;
      });
      this.idsOf.set(editor, kept);
    }
    for (const [id, editor] of [...this.editorOf]) {
      if (alive.has(id)) continue;
      this.forget(id, editor);
      host.remove(id);
    }
    this.update({ selectedId: this.selected() });
  }

  destroy(): void {
    this.reconcile();
    this.stop.abort();
    this.listeners.clear();
  }

  private adopt(ui: UiManager): void {
    // A new document: the editors of the previous one are gone with it.
    this.ui = ui;
    this.idsOf = new WeakMap();
    this.editorOf.clear();
    this.editorKey.clear();
    this.recordKey.clear();
    this.present.clear();
    this.waiting.clear();
    this.setRecords(this.records);
    // Any undo, redo or new command may have changed an editor: look soon after.
    for (const name of ['addCommands', 'undo', 'redo'] as const) {
      const original = ui[name].bind(ui) as (...args: unknown[]) => void;
      (ui as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        original(...args);
        this.schedule();
      };
    }
    this.update({ ready: true, tool: 'read' });
  }

  private record(id: string, mark: Mark, host: BridgeHost): AnnotationInput {
    let extra = this.extra.get(id);
    if (!extra) {
      const fresh = this.quote && Date.now() - this.quote.at < QUOTE_MS && mark.geometry.shape === 'boxes';
      extra = {
        createdAt: new Date().toISOString(),
        quote: fresh ? this.quote!.text : '',
        carriedFrom: null,
        text: '',
      };
      this.extra.set(id, extra);
    }
    return {
      id,
      documentId: host.documentId,
      version: host.version,
      page: mark.page,
      kind: mark.kind,
      geometry: mark.geometry,
      color: mark.color,
      opacity: mark.opacity,
      text: mark.kind === 'note' ? mark.text : extra.text,
      quote: extra.quote,
      createdAt: extra.createdAt,
      carriedFrom: extra.carriedFrom,
    };
  }

  /** Places waiting records whose page is rendered, unless the user is working on that editor. */
  private flush(): void {
    const ui = this.ui;
    if (!ui) return;
    for (const [id, record] of this.waiting) {
      // Another version's, given before the reader switched: the next records will say.
      if (record.documentId !== this.host?.documentId || record.version !== this.host.version) continue;
      const old = this.editorOf.get(id);
      if (old && (old.isInEditMode() || ui.isSelected(old))) continue;
      const layer = ui.getLayer(record.page - 1);
      if (!layer) continue;
      this.waiting.delete(id);
      void this.place(id, record, layer, old);
    }
  }

  private async place(id: string, record: Annotation, layer: EditorLayer, old: PdfEditor | undefined): Promise<void> {
    const mark = recordMark(record);
    if (old) {
      this.forget(id, old);
      old.remove();
    }
    const editor = await layer.deserialize(toEditorData(mark, record.page - 1, layer.viewport.rotation));
    if (!editor || this.ui?.getLayer(record.page - 1) !== layer) return;
    layer.addOrRebuild(editor);
    if (mark.geometry.shape === 'box') this.moveTo(editor, mark.geometry.rect);
    this.idsOf.set(editor, [id]);
    this.editorOf.set(id, editor);
    this.recordKey.set(id, markKey(mark));
    // What the editor says of itself may differ in the last digit (pdf.js keeps Float32): that is no edit.
    const [back] = fromSerialized(editor.serialize() ?? ({ annotationType: -1 } as SerializedEditor));
    this.editorKey.set(id, back ? markKey(back) : markKey(mark));
  }

  /**
   * A pasted note lands offset by its own size, and a note's box is its text plus padding
   * (pdf.mjs:20416, 6197): move it so that the box is where the record says. In every page
   * rotation the box's x follows `editor.x * width` and its y follows `-editor.y * height`.
   */
  private moveTo(editor: PdfEditor, rect: readonly number[]): void {
    const now = editor.serialize();
    if (!now) return;
    const [width, height] = editor.pageDimensions;
    editor.x += (rect[0]! - now.rect[0]!) / width;
    editor.y -= (rect[3]! - now.rect[3]!) / height;
    editor.fixAndSetPosition();
  }

  private forget(id: string, editor: PdfEditor): void {
    this.editorOf.delete(id);
    this.editorKey.delete(id);
    this.recordKey.delete(id);
    this.idsOf.set(
      editor,
      (this.idsOf.get(editor) ?? []).filter((other) => other !== id),
    );
  }

  private selected(): string | null {
    const editor = this.ui?.firstSelectedEditor;
    return (editor && this.idsOf.get(editor)?.[0]) ?? null;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reconcile(), SETTLE_MS);
  }

  private update(change: Partial<BridgeState>): void {
    const next = { ...this.state, ...change };
    if ((Object.keys(next) as (keyof BridgeState)[]).every((k) => next[k] === this.state[k])) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
