import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { ANNOTATION_AUTHOR, annotation, byId, tombstone } from '../../test/support/annotation-store-contract.js';
import { annotationInput, VIETNAMESE_NOTE } from '../../test/support/annotation-fixtures.js';
import { documentInfo } from '../../test/support/document-sync-rig.js';
import type { Ack, Annotation, AnnotationInput, CommandReceipt, User } from '../protocol/index.js';
import { AnnotationSync, type AnnotationHost } from './annotation-sync.js';
import type { ClientState } from './api.js';
import { MemoryClientStore } from './memory-store.js';
import type { OutboxEntry } from './store.js';

/**
 * The annotation part of the client core alone, over a MemoryClientStore and a host that
 * answers `annotation:sync` and `annotation:list-shared` from canned pages: what the reader
 * is shown from the store, the outbox and the server's receipts.
 */
const MEETING = uuidv7();
const OTHER_MEETING = uuidv7();
const PAPER = uuidv7();
const UNLISTED_PAPER = uuidv7();

const me: User = {
  id: ANNOTATION_AUTHOR.id,
  username: 'daibieu1',
  displayName: ANNOTATION_AUTHOR.displayName,
  isAdmin: false,
  canCreateMeetings: false,
};
const colleague: User = {
  id: uuidv7(),
  username: 'daibieu2',
  displayName: 'Đại biểu Hai',
  isAdmin: false,
  canCreateMeetings: false,
};

/** One of the user's own records on the listed paper. */
const mine = (fields: Partial<Annotation> = {}) => annotation({ meetingId: MEETING, documentId: PAPER, ...fields });
/** A colleague's record on the listed paper. */
const theirs = (fields: Partial<Annotation> = {}) =>
  mine({ author: { id: colleague.id, displayName: colleague.displayName }, ...fields });

type Answer = Ack<unknown> | null;

function rig(user: User = me) {
  const store = new MemoryClientStore();
  const paper = documentInfo({ id: PAPER, meetingId: MEETING, sha256: 'a'.repeat(64), size: 1000 });
  let state = { user, documents: { [MEETING]: [paper] }, annotations: {} } as unknown as ClientState;
  let updates = 0;
  const asked: Array<{ name: string; payload: unknown }> = [];
  const syncPages: Answer[] = [];
  const shared = new Map<string, Answer>();
  /** Runs while an answer is on its way (another person signs in meanwhile). */
  let beforeAnswer: () => void = () => {};
  const host: AnnotationHost = {
    state: () => state,
    update: (patch) => {
      updates++;
      state = { ...state, ...patch };
    },
    emit: async <T>(name: string, payload: unknown) => {
      asked.push({ name, payload });
      beforeAnswer();
      const answer =
        name === 'annotation:sync'
          ? (syncPages.shift() ?? null)
          : name === 'annotation:list-shared'
            ? (shared.get((payload as { meetingId: string }).meetingId) ?? null)
            : null;
      return answer as Ack<T> | null;
    },
  };
  const sync = new AnnotationSync(store, host);
  return {
    store,
    sync,
    asked,
    syncPages,
    shared,
    updates: () => updates,
    state: () => state,
    setState: (patch: Partial<ClientState>) => (state = { ...state, ...patch }),
    whileAnswering: (run: () => void) => (beforeAnswer = run),
    /** What the reader shows on the listed paper. */
    shown: () => state.annotations[PAPER] ?? [],
    /** Queues a command as MeetingClient.send does, and shows it. */
    queue(name: OutboxEntry['name'], payload: Record<string, unknown>): OutboxEntry {
      const commandId = uuidv7();
      const entry: OutboxEntry = {
        commandId,
        name,
        payload: { meetingId: MEETING, ...payload, commandId },
        createdAt: new Date().toISOString(),
      };
      store.addToOutbox(entry);
      sync.refresh();
      return entry;
    },
    /** The server's receipt, as the outbox sender hands it on: taken out of the outbox first. */
    settle(entry: OutboxEntry, answer: Ack<CommandReceipt>): void {
      store.removeFromOutbox(entry.commandId);
      sync.settled(entry, answer);
    },
  };
}

const page = (annotations: Annotation[], cursor: number, more: boolean): Answer => ({
  ok: true,
  data: { annotations, cursor, more },
});
const receipt = (entry: OutboxEntry, rev?: number): Ack<CommandReceipt> => ({
  ok: true,
  data: {
    commandId: entry.commandId,
    meetingId: MEETING,
    seq: 1,
    replayed: false,
    ...(rev === undefined ? {} : { rev }),
  },
});
const saveOf = (input: AnnotationInput) => ({ annotation: input });
const ids = (list: readonly { id: string }[]) => list.map((a) => a.id).sort();

describe('AnnotationSync: the own annotations by annotation:sync', () => {
  it('asks page after page from each cursor while `more`, keeps them and the cursor, and shows them', async () => {
    const r = rig();
    const first = [mine({ rev: 1 }), mine({ rev: 2, page: 2 })];
    const gone = tombstone(mine({ rev: 3 }), 4);
    const last = mine({ rev: 7, kind: 'note', text: VIETNAMESE_NOTE });
    // The server may skip revs (papers the user may no longer see): the cursor goes by its word.
    r.syncPages.push(page(first, 3, true), page([gone], 6, true), page([last], 9, false));
    await r.sync.synced([]);

    expect(r.asked.map((a) => a.payload)).toEqual([{ sinceRev: 0 }, { sinceRev: 3 }, { sinceRev: 6 }]);
    expect(byId(r.store.loadAnnotations(me.id))).toEqual(byId([...first, gone, last]));
    expect(r.store.loadAnnotationCursor(me.id)).toBe(9);
    expect(ids(r.shown())).toEqual(ids([...first, last]));
    expect(r.shown().every((a) => !a.pending)).toBe(true);
    expect(r.shown().find((a) => a.id === last.id)?.text).toBe(VIETNAMESE_NOTE);

    // The next sync resumes where this one stopped.
    r.syncPages.push(page([], 9, false));
    await r.sync.synced([]);
    expect(r.asked.at(-1)?.payload).toEqual({ sinceRev: 9 });
  });

  it("keeps only the user's own from a sync page, and stops at a refused or malformed page", async () => {
    const r = rig();
    const own = mine({ rev: 1 });
    r.syncPages.push(page([own, theirs({ rev: 2, shared: true })], 2, true), { ok: true, data: { cursor: 'x' } });
    await r.sync.synced([]);
    expect(r.store.loadAnnotations(me.id)).toEqual([own]);
    expect(r.store.loadAnnotationCursor(me.id)).toBe(2);
    expect(r.asked).toHaveLength(2);
  });

  it('drops an answer that arrives after another person signed in', async () => {
    const r = rig();
    r.syncPages.push(page([mine({ rev: 1 })], 1, false));
    r.whileAnswering(() => r.setState({ user: colleague }));
    await r.sync.synced([MEETING]);
    expect(r.store.loadAnnotations(me.id)).toEqual([]);
    expect(r.store.loadAnnotations(colleague.id)).toEqual([]);
    expect(r.store.loadAnnotationCursor(me.id)).toBe(0);
  });
});

describe('AnnotationSync: unsent edits laid over the store', () => {
  it('applies the outbox in order: a save shows at once, a later delete hides it, share and withdraw toggle', () => {
    const r = rig();
    const note = annotationInput(PAPER, 'note');
    const ink = annotationInput(PAPER, 'ink');
    r.queue('annotation:save', saveOf(note));
    r.queue('annotation:save', saveOf(ink));
    expect(r.shown()).toHaveLength(2);
    expect(r.shown().find((a) => a.id === note.id)).toMatchObject({
      ...note,
      meetingId: MEETING,
      author: { id: me.id, displayName: me.displayName },
      shared: false,
      deleted: false,
      rev: 0,
      pending: true,
    });

    r.queue('annotation:delete', { annotationId: note.id });
    expect(ids(r.shown())).toEqual([ink.id]);

    r.queue('annotation:share', { annotationId: ink.id });
    expect(r.shown()[0]).toMatchObject({ id: ink.id, shared: true, pending: true });
    r.queue('annotation:withdraw', { annotationId: ink.id });
    expect(r.shown()[0]).toMatchObject({ id: ink.id, shared: false, pending: true });
    r.queue('annotation:share', { annotationId: ink.id });
    // A save after sharing keeps it shared: the save carries no `shared`.
    r.queue('annotation:save', saveOf({ ...ink, color: '#0000ff' }));
    expect(r.shown()[0]).toMatchObject({ id: ink.id, shared: true, color: '#0000ff', pending: true });
  });

  it('lays an edit over the stored record, and the stored one shows again once the edit is gone', () => {
    const r = rig();
    const stored = mine({ kind: 'note', geometry: { shape: 'box', rect: [72, 600, 300, 660], fontSize: 12 }, rev: 3 });
    r.store.saveAnnotations(me.id, [stored]);
    r.sync.refresh();
    expect(r.shown()).toEqual([{ ...stored, pending: false }]);

    const edit = r.queue('annotation:save', saveOf({ ...annotationInput(PAPER, 'note'), id: stored.id, text: 'Sửa' }));
    expect(r.shown()).toMatchObject([{ id: stored.id, text: 'Sửa', rev: 3, pending: true }]);
    // Refused by the server: the edit is gone from the outbox, the stored record shows.
    r.settle(edit, { ok: false, error: { code: 'FORBIDDEN', message: { vi: 'Không', en: 'No' } } });
    expect(r.shown()).toEqual([{ ...stored, pending: false }]);
  });

  it('does not show a save made after a stored tombstone: deleted stays deleted', () => {
    const r = rig();
    const was = mine({ rev: 2 });
    r.store.saveAnnotations(me.id, [tombstone(was, 5)]);
    const input = { ...annotationInput(PAPER, 'highlight'), id: was.id };
    r.queue('annotation:save', saveOf(input));
    r.queue('annotation:share', { annotationId: was.id });
    expect(r.shown()).toEqual([]);
    expect(r.state().annotations).toEqual({});
  });

  it('ignores outbox entries of other areas and annotation entries without an id', () => {
    const r = rig();
    r.queue('agenda:add-item', { itemId: uuidv7(), parentId: null, title: 'Mục', presenter: '', plannedMinutes: 5 });
    r.queue('annotation:delete', {});
    r.queue('annotation:save', { annotation: { id: 42 } });
    expect(r.state().annotations).toEqual({});
  });
});

describe('AnnotationSync: acknowledged writes', () => {
  it('shows the acknowledged record with its rev until the store holds that rev or a later one', () => {
    const r = rig();
    const stored = mine({ rev: 3, text: 'Bản cũ' });
    r.store.saveAnnotations(me.id, [stored]);
    const input = { ...annotationInput(PAPER, 'highlight'), id: stored.id, text: 'Bản mới' };
    const entry = r.queue('annotation:save', saveOf(input));
    r.settle(entry, receipt(entry, 4));
    expect(r.shown()).toMatchObject([{ id: stored.id, text: 'Bản mới', rev: 4, pending: false }]);

    // A late echo of an older write does not bring the old text back.
    r.sync.changed({ annotations: [{ ...stored, rev: 2, text: 'Bản rất cũ' }] });
    expect(r.shown()).toMatchObject([{ text: 'Bản mới', rev: 4 }]);

    // The server's own record of rev 4 (its time, its folding of the text) wins once it is held.
    const echoed = { ...stored, ...input, rev: 4, text: 'Bản mới (máy chủ)', updatedAt: '2025-12-01T09:30:00+07:00' };
    r.sync.changed({ annotations: [echoed] });
    expect(r.shown()).toEqual([{ ...echoed, pending: false }]);

    // And a later write from another device wins over both.
    const later = { ...echoed, rev: 6, text: 'Từ máy khác' };
    r.sync.changed({ annotations: [later] });
    expect(r.shown()).toEqual([{ ...later, pending: false }]);
  });

  it('a new annotation shows acknowledged before its record arrives, and an acknowledged delete hides it', () => {
    const r = rig();
    const input = annotationInput(PAPER, 'ink');
    const save = r.queue('annotation:save', saveOf(input));
    r.settle(save, receipt(save, 1));
    expect(r.shown()).toMatchObject([{ id: input.id, rev: 1, pending: false, deleted: false }]);

    const share = r.queue('annotation:share', { annotationId: input.id });
    r.settle(share, receipt(share, 2));
    expect(r.shown()).toMatchObject([{ id: input.id, rev: 2, shared: true, pending: false }]);

    const del = r.queue('annotation:delete', { annotationId: input.id });
    expect(r.shown()).toEqual([]);
    r.settle(del, receipt(del, 3));
    expect(r.shown()).toEqual([]);
    // Its tombstone arrives: still nothing, and nothing left acknowledged to resurface.
    r.sync.changed({ annotations: [tombstone(mine({ ...input, rev: 1 }), 3)] });
    expect(r.shown()).toEqual([]);
  });

  it('a receipt without a rev (nothing changed) shows nothing acknowledged', () => {
    const r = rig();
    const input = annotationInput(PAPER, 'note');
    const entry = r.queue('annotation:save', saveOf(input));
    r.settle(entry, receipt(entry));
    expect(r.shown()).toEqual([]);
  });

  it('another person signing in sees nothing of the last one’s acknowledged writes', () => {
    const r = rig();
    const input = annotationInput(PAPER, 'note', { text: VIETNAMESE_NOTE });
    const entry = r.queue('annotation:save', saveOf(input));
    r.settle(entry, receipt(entry, 1));
    expect(r.shown()).toHaveLength(1);

    r.setState({ user: colleague });
    r.sync.refresh();
    expect(r.state().annotations).toEqual({});
    // Dropped, not only hidden: the first person back finds it only once the server sends it.
    r.setState({ user: me });
    r.sync.refresh();
    expect(r.state().annotations).toEqual({});
  });
});

describe("AnnotationSync: others' annotations and what may be shown", () => {
  it("never shows a colleague's annotation that is not shared, and shows a shared one with its author", () => {
    const r = rig();
    const hidden = theirs({ rev: 1, text: 'Riêng tư' });
    const open = theirs({ rev: 2, shared: true, text: 'Chia sẻ' });
    r.sync.changed({ annotations: [hidden, open] });
    expect(r.shown()).toEqual([{ ...open, pending: false }]);

    // Withdrawn: the event carries it as not shared.
    r.sync.changed({ annotations: [{ ...open, rev: 3, shared: false }] });
    expect(r.shown()).toEqual([]);
  });

  it('does not show annotations on a paper the user does not have listed, until it is', () => {
    const r = rig();
    const elsewhere = mine({ documentId: UNLISTED_PAPER, rev: 1 });
    const here = mine({ rev: 2 });
    r.sync.changed({ annotations: [elsewhere, here] });
    r.queue('annotation:save', saveOf(annotationInput(UNLISTED_PAPER, 'ink')));
    expect(Object.keys(r.state().annotations)).toEqual([PAPER]);
    expect(ids(r.shown())).toEqual([here.id]);

    const other = documentInfo({ id: UNLISTED_PAPER, meetingId: MEETING, sha256: 'b'.repeat(64), size: 10 });
    r.setState({ documents: { [MEETING]: [...(r.state().documents[MEETING] ?? []), other] } });
    r.sync.refresh();
    expect(r.state().annotations[UNLISTED_PAPER]).toHaveLength(2);
  });

  it('changes nothing on a malformed annotation:changed event', () => {
    const r = rig();
    const held = mine({ rev: 4 });
    r.store.saveAnnotations(me.id, [held]);
    r.sync.refresh();
    const before = r.updates();
    const shownBefore = r.state().annotations;
    const malformed: unknown[] = [
      null,
      'annotations',
      {},
      { annotations: 'x' },
      { annotations: [{ ...held, rev: 9, text: 'Giả mạo', color: 'red' }] },
      { annotations: [{ ...held, rev: 0 }] },
      // One good record beside a bad one: the whole event is refused.
      { annotations: [{ ...held, rev: 9, text: 'Giả mạo' }, { id: 'not-an-id' }] },
    ];
    for (const event of malformed) r.sync.changed(event);
    expect(r.updates()).toBe(before);
    expect(r.state().annotations).toBe(shownBefore);
    expect(r.store.loadAnnotations(me.id)).toEqual([held]);
  });

  it('forgets, after a sync, the shared ones of a meeting no longer listed, and keeps its own and other meetings’', async () => {
    const r = rig();
    const own = mine({ rev: 1 });
    const kept = theirs({ rev: 3, shared: true });
    const withdrawn = theirs({ rev: 4, shared: true });
    const otherMeeting = theirs({ rev: 5, shared: true, meetingId: OTHER_MEETING, documentId: UNLISTED_PAPER });
    r.store.saveAnnotations(me.id, [own, kept, withdrawn, otherMeeting]);
    r.store.saveAnnotationCursor(me.id, 1);
    const fresh = theirs({ rev: 6, shared: true, text: 'Mới chia sẻ' });
    const keptNow = { ...kept, rev: 7, text: 'Sửa' };
    r.syncPages.push(page([], 1, false));
    r.shared.set(MEETING, { ok: true, data: { annotations: [keptNow, fresh] } });
    await r.sync.synced([MEETING]);

    expect(r.asked.map((a) => a.name)).toEqual(['annotation:sync', 'annotation:list-shared']);
    expect(r.asked[1]?.payload).toEqual({ meetingId: MEETING });
    expect(byId(r.store.loadAnnotations(me.id))).toEqual(byId([own, keptNow, fresh, otherMeeting]));
    expect(ids(r.shown())).toEqual(ids([own, keptNow, fresh]));
  });

  it('keeps a shared note whose event overtook the list on the wire (the list was read before it was shared)', async () => {
    const r = rig();
    const sharedMeanwhile = theirs({ rev: 8, shared: true, text: 'Vừa chia sẻ' });
    r.syncPages.push(page([], 1, false));
    r.shared.set(MEETING, { ok: true, data: { annotations: [] } });
    r.whileAnswering(() => {
      if (r.asked.at(-1)?.name === 'annotation:list-shared') r.sync.changed({ annotations: [sharedMeanwhile] });
    });
    await r.sync.synced([MEETING]);
    expect(ids(r.shown())).toEqual(ids([sharedMeanwhile]));
  });

  it('keeps the shared ones held when the list is refused or malformed', async () => {
    const r = rig();
    const kept = theirs({ rev: 3, shared: true });
    r.store.saveAnnotations(me.id, [kept]);
    r.syncPages.push(page([], 0, false));
    r.shared.set(MEETING, { ok: true, data: { annotations: [{ id: 'broken' }] } });
    await r.sync.synced([MEETING]);
    expect(r.store.loadAnnotations(me.id)).toEqual([kept]);
    expect(ids(r.shown())).toEqual([kept.id]);
  });
});
