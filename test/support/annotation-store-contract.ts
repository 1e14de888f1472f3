import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { ClientStore } from '../../shared/client/index.js';
import type { Annotation } from '../../shared/protocol/index.js';

export const ANNOTATION_AUTHOR = { id: uuidv7(), displayName: 'Đại biểu Một' };
const MEETING_ID = uuidv7();

/** A highlight by ANNOTATION_AUTHOR, valid for AnnotationSchema (the SQLite store re-checks it on load). */
export function annotation(overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: uuidv7(),
    meetingId: MEETING_ID,
    documentId: uuidv7(),
    version: 1,
    page: 3,
    kind: 'highlight',
    geometry: { shape: 'boxes', boxes: [[72, 700, 300, 712]] },
    color: '#ffd400',
    opacity: 0.4,
    text: 'Cần làm rõ số liệu quý IV',
    quote: 'Doanh thu thuần tăng 12%',
    shared: false,
    author: ANNOTATION_AUTHOR,
    createdAt: '2025-12-01T08:10:00+07:00',
    updatedAt: '2025-12-01T08:10:01+07:00',
    carriedFrom: null,
    rev: 1,
    deleted: false,
    ...overrides,
  };
}

/** What the server sends for a deleted annotation. */
export function tombstone(of: Annotation, rev: number): Annotation {
  return { ...of, geometry: null, text: '', quote: '', deleted: true, rev, updatedAt: '2025-12-01T09:00:00+07:00' };
}

/** The stores promise no order: compare by id. */
export function byId(annotations: readonly Annotation[]): Annotation[] {
  return [...annotations].sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * What every ClientStore must do with annotations, run against each implementation, so the
 * browser tab and the desktop keep a user's notes the same way.
 */
export function describeAnnotationStore(name: string, openStore: () => ClientStore | Promise<ClientStore>): void {
  describe(`${name}: annotations`, () => {
    const me = ANNOTATION_AUTHOR.id;
    const other = uuidv7();

    it('starts with none, and the sync cursor at 0', async () => {
      const store = await openStore();
      expect(store.loadAnnotations(me)).toEqual([]);
      expect(store.loadAnnotationCursor(me)).toBe(0);
    });

    it("keeps each user's apart, a shared note held for both included", async () => {
      const store = await openStore();
      const mine = annotation();
      const shared = annotation({ shared: true });
      store.saveAnnotations(me, [mine, shared]);
      expect(store.loadAnnotations(other)).toEqual([]);

      // The second person on the tablet receives the same shared note, then a newer version of it.
      store.saveAnnotations(other, [{ ...shared, rev: 5, text: 'sửa' }]);
      expect(store.loadAnnotations(other)).toEqual([{ ...shared, rev: 5, text: 'sửa' }]);
      expect(byId(store.loadAnnotations(me))).toEqual(byId([mine, shared]));

      store.saveAnnotationCursor(me, 7);
      expect(store.loadAnnotationCursor(other)).toBe(0);
    });

    it('keeps the higher rev, whichever arrives first', async () => {
      const store = await openStore();
      const old = annotation({ rev: 3, text: 'cũ' });
      const newer = { ...old, rev: 4, text: 'mới' };
      store.saveAnnotations(me, [old]);
      store.saveAnnotations(me, [newer]);
      expect(store.loadAnnotations(me)).toEqual([newer]);
      // A late echo of the older write.
      store.saveAnnotations(me, [old]);
      expect(store.loadAnnotations(me)).toEqual([newer]);
      // The same rev again changes nothing either: it is the same write.
      store.saveAnnotations(me, [{ ...newer, text: 'khác' }]);
      expect(store.loadAnnotations(me)).toEqual([newer]);
    });

    it('keeps the higher rev within one batch, in either order', async () => {
      const store = await openStore();
      const a = annotation({ rev: 1 });
      const b = annotation({ rev: 2 });
      store.saveAnnotations(me, [a, { ...a, rev: 2, page: 4 }, { ...b, rev: 9, page: 5 }, b]);
      expect(byId(store.loadAnnotations(me))).toEqual(
        byId([
          { ...a, rev: 2, page: 4 },
          { ...b, rev: 9, page: 5 },
        ]),
      );
    });

    it('keeps a tombstone, and a stale live copy does not bring the annotation back', async () => {
      const store = await openStore();
      const live = annotation({ rev: 2 });
      const gone = tombstone(live, 3);
      store.saveAnnotations(me, [live]);
      store.saveAnnotations(me, [gone]);
      expect(store.loadAnnotations(me)).toEqual([gone]);
      store.saveAnnotations(me, [live]);
      expect(store.loadAnnotations(me)).toEqual([gone]);
    });

    it('saves and loads the sync cursor per user', async () => {
      const store = await openStore();
      store.saveAnnotationCursor(me, 41);
      store.saveAnnotationCursor(other, 3);
      store.saveAnnotationCursor(me, 42);
      expect(store.loadAnnotationCursor(me)).toBe(42);
      expect(store.loadAnnotationCursor(other)).toBe(3);
    });

    it("drops the user's annotations of the documents that left, and nothing else", async () => {
      const store = await openStore();
      const [recalled, alsoRecalled, kept] = [uuidv7(), uuidv7(), uuidv7()];
      const onRecalled = [annotation({ documentId: recalled }), tombstone(annotation({ documentId: recalled }), 2)];
      const onAlsoRecalled = annotation({ documentId: alsoRecalled });
      const onKept = annotation({ documentId: kept });
      const othersCopy = annotation({ documentId: recalled, shared: true });
      store.saveAnnotations(me, [...onRecalled, onAlsoRecalled, onKept]);
      store.saveAnnotations(other, [othersCopy]);
      store.saveAnnotationCursor(me, 2);

      store.deleteAnnotationsOf(me, []);
      expect(store.loadAnnotations(me)).toHaveLength(4);
      store.deleteAnnotationsOf(me, [recalled, alsoRecalled, uuidv7()]);
      expect(store.loadAnnotations(me)).toEqual([onKept]);
      expect(store.loadAnnotations(other)).toEqual([othersCopy]);
      // The cursor stays: those annotations are the server's, and come back if the paper does.
      expect(store.loadAnnotationCursor(me)).toBe(2);
    });

    it('forgets annotations by id, for that user only', async () => {
      const store = await openStore();
      const kept = annotation();
      const withdrawn = annotation({ shared: true });
      store.saveAnnotations(me, [kept, withdrawn]);
      store.saveAnnotations(other, [withdrawn]);
      store.forgetAnnotations(me, [withdrawn.id, uuidv7()]);
      expect(store.loadAnnotations(me)).toEqual([kept]);
      expect(store.loadAnnotations(other)).toEqual([withdrawn]);
    });

    it("clear wipes every user's annotations and cursors", async () => {
      const store = await openStore();
      store.saveAnnotations(me, [annotation()]);
      store.saveAnnotations(other, [annotation({ shared: true })]);
      store.saveAnnotationCursor(me, 9);
      store.saveAnnotationCursor(other, 4);
      store.clear();
      expect(store.loadAnnotations(me)).toEqual([]);
      expect(store.loadAnnotations(other)).toEqual([]);
      expect(store.loadAnnotationCursor(me)).toBe(0);
      expect(store.loadAnnotationCursor(other)).toBe(0);
    });
  });
}
