import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientState, HeldAnnotation } from '../../shared/client/index.js';
import { AnnotationSync } from '../../shared/client/annotation-sync.js';
import type { Ack, AnnotationInput } from '../../shared/protocol/index.js';
import { SqliteClientStore } from '../../electron/cache/sqlite-client-store.js';
import { CACHE_FILE_NAME, type DesktopCore } from '../../electron/core/desktop-core.js';
import { annotationInput, VIETNAMESE_NOTE } from '../support/annotation-fixtures.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { DesktopRig, demoMeeting, waitFor } from './desktop-harness.js';

/**
 * A delegate's annotations on the desktop, without Electron: the client core over its real
 * SQLite cache against the real server. Drawn while the server is down, they show at once and
 * wait in the cache's outbox; they survive the app quitting; they reach the server once, when
 * it is back; a reinstall brings them all back; and the next person on the same tablet finds
 * none of them, in the app or in the file. The steps share the rig, as one tablet's day would.
 */
const rig = new DesktopRig();
let delegateDir: string;
let delegate: DesktopCore;
let meetingId: string;
let documentId: string;
let me: string;
/** Drawn offline and kept; and one drawn offline then deleted. */
let kept: AnnotationInput[];
let deleted: AnnotationInput;
/** Shared with the others after the outage: the next person on the tablet may see this one. */
const SHARED_TEXT = 'Ý kiến chung gửi cả đoàn 4417';
let sharedNote: AnnotationInput;

beforeAll(async () => {
  await rig.startServer();
  delegateDir = rig.tempDir('delegate-notes');
});
afterAll(() => rig.cleanup());

const shown = (core: DesktopCore): readonly HeldAnnotation[] => core.client.getState().annotations[documentId] ?? [];
const ids = (list: readonly { id: string }[]) => list.map((a) => a.id).sort();
/** What two installs must agree on once everything is acknowledged. */
const settled = (core: DesktopCore) => [...shown(core)].sort((a, b) => a.id.localeCompare(b.id));

/** Every paper listed is in the device's cache: no download is under way. */
async function papersCached(core: DesktopCore): Promise<void> {
  await waitFor(
    () => {
      const p = core.client.getState().documentProgress[meetingId];
      return p !== undefined && !p.active && p.total > 0 && p.cached === p.total;
    },
    20_000,
    'papers cached',
  );
}

/** The cache file and its write-ahead log, as someone copying the data folder would read them. */
function cacheBytes(core: DesktopCore): Buffer {
  const files = [core.cacheFile, `${core.cacheFile}-wal`].filter((f) => existsSync(f));
  return Buffer.concat(files.map((f) => readFileSync(f)));
}
const holds = (core: DesktopCore, text: string) => cacheBytes(core).includes(Buffer.from(text.normalize('NFC')));
/** The first delegate's private texts (the deleted one's too: it sat in the outbox) found in the cache. */
const privateTextsIn = (core: DesktopCore) =>
  [...kept, deleted].map((a) => a.text).filter((text) => text !== '' && holds(core, text));

/** The cache's outbox rows as SQLite itself reads the file (not through the store). */
function outboxRows(core: DesktopCore): Array<{ name: string; payload: Record<string, unknown> }> {
  const db = new Database(core.cacheFile, { readonly: true });
  try {
    const rows = db.prepare('SELECT name, payload_json FROM outbox ORDER BY id').all() as Array<{
      name: string;
      payload_json: string;
    }>;
    return rows.map((r) => ({ name: r.name, payload: JSON.parse(r.payload_json) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

async function signedInWithPaper(core: DesktopCore, username: string): Promise<void> {
  await rig.signIn(core, username);
  await waitFor(() => core.client.getState().connection === 'online', 10_000, `${username} online`);
  await waitFor(
    () => Object.values(core.client.getState().documents).some((docs) => docs.some((d) => d.id === documentId)),
    10_000,
    `${username} has the paper listed`,
  );
}

describe('desktop annotations', () => {
  it('a delegate draws every kind while the server is down: shown at once, pending, in the cache file’s outbox', async () => {
    const secretary = rig.openCore(rig.tempDir('secretary-notes'));
    await rig.signIn(secretary, 'thuky');
    await waitFor(() => demoMeeting(secretary.client.getState()) !== undefined, 10_000, 'secretary has the meeting');
    meetingId = demoMeeting(secretary.client.getState())?.meeting.id ?? '';
    const pdf = await makePdf({ pages: ['Tờ trình ngân sách năm 2027', 'Trang hai'] });
    const upload = await secretary.client.uploadDocument({
      meetingId,
      title: 'Tờ trình ngân sách',
      file: { name: 'to-trinh.pdf', size: pdf.length, body: pdf },
    });
    if (!upload.ok) throw new Error(upload.error.code);
    documentId = upload.data.id;
    secretary.close();

    delegate = rig.openCore(delegateDir);
    await signedInWithPaper(delegate, 'daibieu1');
    me = delegate.client.getState().user?.id ?? '';

    await rig.stopServer();
    await waitFor(() => delegate.client.getState().connection === 'offline', 5_000, 'delegate offline');
    kept = [
      annotationInput(documentId, 'highlight'),
      annotationInput(documentId, 'free-highlight', { page: 2 }),
      annotationInput(documentId, 'ink', { text: 'Chỗ này cần số liệu năm trước' }),
      annotationInput(documentId, 'note', { text: VIETNAMESE_NOTE }),
    ];
    deleted = annotationInput(documentId, 'note', { text: 'Ghi chú sẽ xóa 2093' });
    // Not awaited: offline the acknowledgement cannot come; the outbox is the promise.
    for (const a of [...kept, deleted]) void delegate.client.send('annotation:save', { meetingId, annotation: a });
    void delegate.client.send('annotation:delete', { meetingId, annotationId: deleted.id });

    expect(ids(shown(delegate))).toEqual(ids(kept));
    for (const a of kept) {
      expect(shown(delegate).find((x) => x.id === a.id)).toMatchObject({
        ...a,
        meetingId,
        author: { id: me },
        shared: false,
        deleted: false,
        rev: 0,
        pending: true,
      });
    }
    expect(delegate.client.getState().pendingCommands).toBe(6);
    expect(outboxRows(delegate)).toEqual([
      ...[...kept, deleted].map((a) => ({
        name: 'annotation:save',
        payload: expect.objectContaining({ meetingId, annotation: a }) as unknown,
      })),
      { name: 'annotation:delete', payload: expect.objectContaining({ annotationId: deleted.id }) as unknown },
    ]);
    // Only the outbox holds them: the store keeps what the server sent.
    expect(delegate.store.loadAnnotations(me)).toEqual([]);
  });

  it('after the app quits and starts again, still offline, they still show', async () => {
    delegate.close();
    delegate = rig.openCore(delegateDir);
    const state = delegate.client.getState();
    expect(state.connection).toBe('offline');
    expect(state.user?.id).toBe(me);
    expect(state.pendingCommands).toBe(6);
    expect(ids(shown(delegate))).toEqual(ids(kept));
    expect(shown(delegate).every((a) => a.pending && a.rev === 0)).toBe(true);
    expect(shown(delegate).find((a) => a.kind === 'note')?.text).toBe(VIETNAMESE_NOTE);
    delegate.client.start(); // keeps trying until the server is back
  });

  it('once the server is back they are sent, acknowledged, no longer pending, and on the server exactly once', async () => {
    await rig.startServer();
    await waitFor(
      () =>
        delegate.client.getState().pendingCommands === 0 &&
        shown(delegate).length === kept.length &&
        shown(delegate).every((a) => !a.pending),
      20_000,
      'outbox delivered and acknowledged',
    );
    expect(delegate.client.getState().rejected).toEqual([]);
    expect(outboxRows(delegate)).toEqual([]);
    for (const a of kept) {
      expect(shown(delegate).find((x) => x.id === a.id)).toMatchObject({
        kind: a.kind,
        page: a.page,
        geometry: a.geometry,
        text: a.text.normalize('NFC'),
        shared: false,
        deleted: false,
        pending: false,
        rev: expect.any(Number) as unknown,
      });
    }

    const db = rig.server?.store.db;
    if (!db) throw new Error('no server');
    const rows = await db
      .selectFrom('annotations')
      .select(['id', 'kind', 'body', 'deleted', 'rev'])
      .where('document_id', '=', documentId)
      .execute();
    expect(ids(rows)).toEqual(ids([...kept, deleted]));
    expect(rows.find((r) => r.id === deleted.id)).toMatchObject({ deleted: 1, body: '' });
    expect(rows.find((r) => r.kind === 'note' && r.deleted === 0)?.body).toBe(VIETNAMESE_NOTE.normalize('NFC'));
    // Six commands, six writes: none applied twice after the restart and the reconnections.
    const head = await db.selectFrom('annotation_heads').select('rev').where('user_id', '=', me).executeTakeFirst();
    expect(head?.rev).toBe(6);
    // In the order they were made: the saves 1 to 5, the delete 6 (the deleted one's last write).
    expect(kept.map((a) => rows.find((r) => r.id === a.id)?.rev)).toEqual([1, 2, 3, 4]);
    expect(rows.find((r) => r.id === deleted.id)?.rev).toBe(6);

    // The cache now holds the server's records, the tombstone among them.
    await waitFor(() => delegate.store.loadAnnotations(me).length === 5, 10_000, 'records cached');
    expect(delegate.store.loadAnnotations(me).find((a) => a.id === deleted.id)).toMatchObject({ deleted: true });
  });

  it('a reinstall (a fresh cache file, same user) gets all of them back, the tombstone held but not shown', async () => {
    const fresh = rig.openCore(rig.tempDir('reinstall'));
    await signedInWithPaper(fresh, 'daibieu1');
    await waitFor(() => shown(fresh).length === kept.length, 10_000, 'annotations restored');
    expect(settled(fresh)).toEqual(settled(delegate));
    const stored = fresh.store.loadAnnotations(me);
    expect(ids(stored)).toEqual(ids([...kept, deleted]));
    expect(stored.find((a) => a.id === deleted.id)).toMatchObject({ deleted: true, geometry: null, text: '' });
    expect(fresh.store.loadAnnotationCursor(me)).toBe(6);
    await papersCached(fresh);
    fresh.close();
  });

  it('the next person on the same tablet after a sign-out sees none of the private ones, nor does the file hold them', async () => {
    sharedNote = annotationInput(documentId, 'note', { text: SHARED_TEXT });
    expect((await delegate.client.send('annotation:save', { meetingId, annotation: sharedNote })).ok).toBe(true);
    expect((await delegate.client.send('annotation:share', { meetingId, annotationId: sharedNote.id })).ok).toBe(true);
    await waitFor(() => shown(delegate).find((a) => a.id === sharedNote.id)?.shared === true);
    expect(privateTextsIn(delegate)).toEqual(expect.arrayContaining([kept[2]?.text, VIETNAMESE_NOTE]));

    await delegate.client.logout();
    expect(delegate.client.getState().annotations).toEqual({});
    expect(privateTextsIn(delegate)).toEqual([]);
    expect(holds(delegate, SHARED_TEXT)).toBe(false);
    expect(delegate.store.loadAnnotations(me)).toEqual([]);

    await signedInWithPaper(delegate, 'daibieu2');
    const colleague = delegate.client.getState().user?.id ?? '';
    await waitFor(() => shown(delegate).length > 0, 10_000, 'the shared one arrives');
    expect(shown(delegate)).toMatchObject([{ id: sharedNote.id, text: SHARED_TEXT, shared: true, author: { id: me } }]);
    expect(delegate.store.loadAnnotations(colleague).map((a) => a.id)).toEqual([sharedNote.id]);
    expect(privateTextsIn(delegate)).toEqual([]);
    await papersCached(delegate);
    delegate.close();
  });

  it('another person signing in over the first one (no sign-out) finds none of theirs either', async () => {
    const dir = rig.tempDir('shared-tablet');
    let tablet = rig.openCore(dir);
    await signedInWithPaper(tablet, 'daibieu1');
    await waitFor(() => shown(tablet).length === kept.length + 1, 10_000, 'own annotations synced');
    expect(privateTextsIn(tablet)).toEqual([kept[2]?.text, VIETNAMESE_NOTE]);
    // The app quits with the first person still signed in; the next one signs in over them.
    tablet.close();
    tablet = rig.openCore(dir);
    expect(ids(shown(tablet))).toEqual(ids([...kept, sharedNote]));

    await signedInWithPaper(tablet, 'daibieu2');
    expect(privateTextsIn(tablet)).toEqual([]);
    expect(tablet.store.loadAnnotations(me)).toEqual([]);
    await waitFor(() => shown(tablet).length > 0, 10_000, 'the shared one arrives');
    expect(ids(shown(tablet))).toEqual([sharedNote.id]);
    expect(privateTextsIn(tablet)).toEqual([]);
    // Closed by the rig after this test: no copy may be half renamed when its folder goes.
    await papersCached(tablet);
  });
});

describe('desktop annotations: the app quitting during a sync', () => {
  it('raises nothing when the cache closes while the shared annotations are asked', async () => {
    const store = new SqliteClientStore(join(rig.tempDir('quitting'), CACHE_FILE_NAME));
    const user = {
      id: uuidv7(),
      username: 'daibieu1',
      displayName: 'Đại biểu Một',
      isAdmin: false,
      canCreateMeetings: false,
    };
    let state = { user, documents: {}, annotations: {} } as unknown as ClientState;
    const sync = new AnnotationSync(store, {
      state: () => state,
      update: (patch) => (state = { ...state, ...patch }),
      // What DesktopCore.close() does to a sync on its way: the link drops (the answer
      // awaited comes back null), then the cache file is closed.
      emit: async <T>(name: string): Promise<Ack<T> | null> => {
        if (name === 'annotation:sync') return { ok: true, data: { annotations: [], cursor: 0, more: false } as T };
        store.close();
        return null;
      },
    });
    // MeetingClient runs this as `void this.annotations.synced(...)`: a rejection is unhandled.
    await expect(sync.synced([uuidv7()])).resolves.toBeUndefined();
  });
});
