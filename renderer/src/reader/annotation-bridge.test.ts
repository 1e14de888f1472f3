import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventBus, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import type { Annotation, AnnotationInput } from '../../../shared/protocol/index.js';
import { AnnotationBridge } from './annotation-bridge.js';
import type { SerializedEditor, SerializedInk } from './annotation-shapes.js';

/*
 * The live half of the bridge against stand-ins for pdf.js's event bus, UI manager, layers
 * and annotation storage, shaped like those of 5.4.624 (the calls the bridge makes). What is
 * checked: what is sent, when, and that nothing is sent twice or sent back.
 */

const DOC = '0190d6c0-0000-7000-8000-00000000d0c1';

class Bus {
  private readonly handlers = new Map<string, ((data: unknown) => void)[]>();
  on(name: string, handler: (data: unknown) => void) {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
  }
  dispatch(name: string, data: unknown) {
    for (const handler of this.handlers.get(name) ?? []) handler(data);
  }
}

let nextKey = 0;

class Editor {
  x = 0;
  y = 0;
  readonly pageDimensions: [number, number] = [595, 842];
  editing = false;
  constructor(
    private readonly world: World,
    public data: SerializedEditor,
  ) {}
  serialize() {
    return this.data;
  }
  remove() {
    this.world.detach(this);
  }
  isInEditMode() {
    return this.editing;
  }
  fixAndSetPosition() {}
}

const ink = (page: number, x: number): SerializedInk => ({
  annotationType: 15,
  pageIndex: page - 1,
  rect: [x, 100, x + 50, 150],
  rotation: 0,
  color: [204, 0, 0],
  opacity: 1,
  thickness: 2,
  paths: { lines: [], points: [new Float32Array([x, 100, x + 50, 150])] },
});

/** The viewer, its UI manager, the layers of rendered pages, and the document's annotation storage. */
class World {
  readonly bus = new Bus();
  readonly storage = new Map<string, Editor>();
  readonly layers = new Map<number, { viewport: { rotation: number }; deserialize: unknown; addOrRebuild: unknown }>();
  selected: Editor | null = null;
  readonly ui = {
    getLayer: (pageIndex: number) => this.layers.get(pageIndex),
    updateParams: vi.fn(),
    isSelected: (editor: Editor) => this.selected === editor,
    get firstSelectedEditor() {
      return null;
    },
    addCommands: () => {},
    undo: () => {},
    redo: () => {},
    delete: () => {},
    unselectAll: () => {},
  };
  readonly viewer = {
    pdfDocument: {
      annotationStorage: {
        get serializable() {
          return { map: new Map([...world.storage].map(([key, editor]) => [key, editor.serialize()])) };
        },
        getRawValue: (key: string) => this.storage.get(key),
      },
    },
  };
  readonly container = Object.assign(new EventTarget(), {
    ownerDocument: Object.assign(new EventTarget(), { getSelection: () => null }),
    contains: () => true,
  });

  /** pdf.js's own drawing: an editor the person made. */
  draw(data: SerializedEditor): Editor {
    const editor = new Editor(this, data);
    this.storage.set(`pdfjs_internal_editor_${nextKey++}`, editor);
    return editor;
  }
  detach(editor: Editor) {
    for (const [key, value] of this.storage) if (value === editor) this.storage.delete(key);
  }
  attach(editor: Editor) {
    this.storage.set(`pdfjs_internal_editor_${nextKey++}`, editor);
  }
  /** A page's editor layer appears: pdf.js rendered the page. */
  render(page: number) {
    const deserialize = vi.fn(async (data: { pageIndex: number; paths: { points: Float32Array[] } }) => {
      const points = data.paths.points;
      const x = points[0]![0]!;
      return new Editor(this, ink(data.pageIndex + 1, x));
    });
    this.layers.set(page - 1, { viewport: { rotation: 0 }, deserialize, addOrRebuild: (e: Editor) => this.attach(e) });
    this.bus.dispatch('annotationeditorlayerrendered', { pageNumber: page });
    return deserialize;
  }
}

let world: World;
let bridge: AnnotationBridge;
let saved: AnnotationInput[];
let removed: string[];

function record(input: AnnotationInput, rev = 1): Annotation {
  const { id, documentId, version, page, kind, geometry, color, opacity, text, quote, createdAt, carriedFrom } = input;
  return {
    ...{ id, documentId, version, page, kind, geometry, color, opacity, text, quote, createdAt, carriedFrom },
    meetingId: '0190d6c0-0000-7000-8000-00000000e001',
    shared: false,
    author: { id: '0190d6c0-0000-7000-8000-00000000a001', displayName: 'Lê Hoàng Nam' },
    updatedAt: createdAt,
    rev,
    deleted: false,
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  world = new World();
  saved = [];
  removed = [];
  bridge = new AnnotationBridge(
    world.bus as unknown as EventBus,
    world.viewer as unknown as PDFViewer,
    world.container as unknown as HTMLElement,
  );
  bridge.open({ documentId: DOC, version: 2, save: (a) => saved.push(a), remove: (id) => removed.push(id) });
  world.bus.dispatch('annotationeditoruimanager', { uiManager: world.ui });
});

afterEach(() => {
  bridge.destroy();
  vi.useRealTimers();
});

describe('the annotation bridge', () => {
  it('saves a new drawing once, with a new id, on the version being read', () => {
    world.draw(ink(1, 100));
    bridge.reconcile();
    bridge.reconcile();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      documentId: DOC,
      version: 2,
      page: 1,
      kind: 'ink',
      color: '#cc0000',
      carriedFrom: null,
    });
  });

  it('looks again by itself a moment after the person lets go of the page', () => {
    world.draw(ink(1, 100));
    world.container.dispatchEvent(new Event('pointerup'));
    expect(saved).toHaveLength(0);
    vi.advanceTimersByTime(450);
    expect(saved).toHaveLength(1);
  });

  it('saves a changed drawing under the same id', () => {
    const editor = world.draw(ink(1, 100));
    bridge.reconcile();
    editor.data = { ...ink(1, 100), color: [0, 0, 0] };
    bridge.reconcile();
    expect(saved.map((a) => a.color)).toEqual(['#cc0000', '#000000']);
    expect(saved[1]!.id).toBe(saved[0]!.id);
  });

  it('deletes what the person erased, and an undone delete comes back under a new id', () => {
    const editor = world.draw(ink(1, 100));
    bridge.reconcile();
    const first = saved[0]!.id;
    editor.remove();
    bridge.reconcile();
    expect(removed).toEqual([first]);
    // Undo puts the same editor object back; the server keeps the old id as a tombstone.
    world.attach(editor);
    bridge.reconcile();
    expect(saved).toHaveLength(2);
    expect(saved[1]!.id).not.toBe(first);
  });

  it('puts a record from another device on its page once the page is rendered, and sends nothing back', async () => {
    world.draw(ink(1, 100));
    bridge.reconcile();
    const fromTablet = record({ ...saved[0]!, id: '0190d6c0-0000-7000-8000-0000000000b2', page: 3 });
    bridge.setRecords([record(saved[0]!), fromTablet]);
    expect(world.storage.size).toBe(1);
    const deserialize = world.render(3);
    await vi.runAllTimersAsync();
    expect(deserialize).toHaveBeenCalledTimes(1);
    expect(world.storage.size).toBe(2);
    bridge.reconcile();
    expect(saved).toHaveLength(1);
    expect(removed).toEqual([]);
  });

  it('drops the editor of a record deleted on another device without deleting it again', async () => {
    world.render(1);
    const input = { ...sample(), id: '0190d6c0-0000-7000-8000-0000000000c3' };
    bridge.setRecords([record(input)]);
    await vi.runAllTimersAsync();
    expect(world.storage.size).toBe(1);
    bridge.setRecords([]);
    expect(world.storage.size).toBe(0);
    bridge.reconcile();
    expect(removed).toEqual([]);
    expect(saved).toEqual([]);
  });

  it('does not replace a drawing the person is editing; the other device’s version waits', async () => {
    world.render(1);
    const input = { ...sample(), id: '0190d6c0-0000-7000-8000-0000000000d4' };
    bridge.setRecords([record(input)]);
    await vi.runAllTimersAsync();
    const [editor] = world.storage.values();
    editor!.editing = true;
    const moved = { ...input, geometry: { shape: 'strokes' as const, strokes: [[300, 100, 350, 150]], thickness: 2 } };
    bridge.setRecords([record(moved, 2)]);
    await vi.runAllTimersAsync();
    expect([...world.storage.values()]).toEqual([editor]);
    editor!.editing = false;
    world.bus.dispatch('annotationeditorstateschanged', { details: { isEditing: false } });
    await vi.runAllTimersAsync();
    expect([...world.storage.values()]).not.toContain(editor);
    expect(world.storage.size).toBe(1);
  });

  it('leaves records of another version alone', async () => {
    world.render(1);
    bridge.setRecords([record({ ...sample(), version: 1 })]);
    await vi.runAllTimersAsync();
    expect(world.storage.size).toBe(0);
  });
});

function sample(): AnnotationInput {
  return {
    id: '0190d6c0-0000-7000-8000-0000000000a1',
    documentId: DOC,
    version: 2,
    page: 1,
    kind: 'ink',
    geometry: { shape: 'strokes', strokes: [[100, 100, 150, 150]], thickness: 2 },
    color: '#cc0000',
    opacity: 1,
    text: '',
    quote: '',
    createdAt: '2026-11-30T12:00:00.000Z',
    carriedFrom: null,
  };
}
