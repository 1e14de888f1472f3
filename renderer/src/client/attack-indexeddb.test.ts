import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { uuidv7 } from 'uuidv7';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/client/document-download.js';
import { command, meeting, session } from '../../../test/support/client-store-contract.js';
import { paperBytes } from '../../../test/support/document-cache-contract.js';
import { BLOCK_BYTES, IndexedDbDocumentCache } from './indexeddb-document-cache.js';
import { IndexedDbClientStore } from './indexeddb-store.js';

/**
 * ATTACK (issue 15): the browser's offline store and paper copies, attacked as a second tab of
 * the same browser, a damaged database, or a signed-out delegate's leftovers. fake-indexeddb is
 * shared by the file as a browser profile is by its tabs; Node's BroadcastChannel carries the
 * "cleared" message between the stores as it does between tabs.
 */

const stores: IndexedDbClientStore[] = [];
const caches: IndexedDbDocumentCache[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const cache of caches.splice(0)) await cache.close();
});

async function tab(name: string, onClearedElsewhere?: () => void): Promise<IndexedDbClientStore> {
  const store = await IndexedDbClientStore.open({
    name,
    scrubBytes: 64 * 1024,
    ...(onClearedElsewhere ? { onClearedElsewhere } : {}),
  });
  stores.push(store);
  return store;
}

describe('ATTACK: two tabs of one browser, one signs out', () => {
  it('a tab still syncing after the other tab signed out writes nothing of the signed-out person back', async () => {
    const name = `attack-${uuidv7()}`;
    const first = await tab(name);
    first.saveSession(session());
    first.saveMeeting(meeting(1, 'Mật — phương án nhân sự'));
    first.addToOutbox(command('Ghi chú mật'));
    await first.whenWritten();

    let told!: () => void;
    const cleared = new Promise<void>((resolve) => (told = resolve));
    const second = await tab(name, () => told());
    expect(second.loadMeetings()).toHaveLength(1);

    // Tab 1: the delegate signs out. Tab 2 hears it, but a meeting event reached it first
    // (or reaches it before its reload has torn the page down): the core saves the meeting.
    first.clear();
    await first.whenWritten();
    await cleared;
    second.saveMeeting(meeting(2, 'Mật — phương án nhân sự'));
    second.addToOutbox(command('Ghi chú mật thứ hai'));
    await second.whenWritten();

    // The reload of either tab, or the next person's first page.
    const next = await tab(name);
    expect(next.loadSession()).toBeNull();
    expect(next.loadMeetings()).toEqual([]);
    expect(next.listOutbox()).toEqual([]);
  });

  it('the tab told of the wipe reads an empty store when it reloads at once', async () => {
    const name = `attack-${uuidv7()}`;
    const first = await tab(name);
    first.saveSession(session());
    first.saveMeeting(meeting(1));
    first.saveBallotKey(session().user.id, uuidv7(), 'k'.repeat(43));
    await first.whenWritten();

    let reloaded!: Promise<IndexedDbClientStore>;
    let told!: () => void;
    const toldOnce = new Promise<void>((resolve) => (told = resolve));
    await tab(name, () => {
      // What window.location.reload() leads to: a new page opening the database.
      reloaded = tab(name);
      told();
    });
    first.clear();
    await toldOnce;
    const after = await reloaded;
    expect(after.loadSession()).toBeNull();
    expect(after.loadMeetings()).toEqual([]);
    expect(after.listBallotKeyVotes()).toEqual([]);
  });

  it('a write made in the same turn as the wipe, before it, never lands', async () => {
    const name = `attack-${uuidv7()}`;
    const store = await tab(name);
    store.saveSession(session());
    store.saveMeeting(meeting(1));
    store.addToOutbox(command('trước khi đăng xuất'));
    store.saveBallotKey(session().user.id, uuidv7(), 'k'.repeat(43));
    store.clear();
    await store.whenWritten();

    const db = await openDB(name);
    for (const name of ['session', 'meetings', 'outbox', 'ballotKeys'] as const)
      expect(await db.count(name), name).toBe(0);
    db.close();
  });
});

describe('ATTACK: two tabs of one browser share the paper copies', () => {
  it('a download a second tab runs on after the first signed out leaves no copy of the paper behind', async () => {
    const name = `attack-docs-${uuidv7()}`;
    const signingOut = await IndexedDbDocumentCache.open(name, 64 * 1024);
    const downloading = await IndexedDbDocumentCache.open(name, 64 * 1024);
    caches.push(signingOut, downloading);
    const bytes = paperBytes(300_000);
    const sha = await sha256Hex(bytes);

    // Tab 1 signs out (document-prefetch's forgetAll knows only of its own downloads and
    // clears). Tab 2, not yet told, is fetching a paper with the person's token (signing in
    // as someone else in tab 1 does not end that token): its chunks and its finish land after.
    await downloading.append(sha, bytes.slice(0, 150_000));
    await signingOut.clear();
    await downloading.discardPartial(sha); // its next try starts over, as a 200 answer makes it
    // Its writes are refused: the copies were cleared since that tab opened them.
    await expect(downloading.append(sha, bytes)).rejects.toThrow();
    expect(await downloading.finish(sha)).toBe(false);

    const next = await IndexedDbDocumentCache.open(name, 64 * 1024);
    caches.push(next);
    expect(await next.list()).toEqual([]);
    expect(await next.listPartial()).toEqual([]);
  });
});

describe('ATTACK: a damaged copy of a paper', () => {
  async function cacheWith(bytes: Uint8Array): Promise<{ cache: IndexedDbDocumentCache; name: string; sha: string }> {
    const name = `attack-docs-${uuidv7()}`;
    const cache = await IndexedDbDocumentCache.open(name, 64 * 1024);
    caches.push(cache);
    const sha = await sha256Hex(bytes);
    await cache.append(sha, bytes);
    expect(await cache.finish(sha)).toBe(true);
    return { cache, name, sha };
  }

  it('a block cut short reads as no copy, never as fewer bytes than asked', async () => {
    const bytes = paperBytes(BLOCK_BYTES + 5000);
    const { cache, name, sha } = await cacheWith(bytes);
    const db = await openDB(name);
    // The second block lost its tail (a damaged profile, a hostile script).
    await db.put('blocks', bytes.slice(BLOCK_BYTES, BLOCK_BYTES + 100), [sha, 1]);
    db.close();

    const range = await cache.readRange(sha, BLOCK_BYTES, BLOCK_BYTES + 4000);
    expect(range === null || range.byteLength === 4000).toBe(true);
    expect(range).toBeNull();
  });

  it('a whole read of a copy whose bytes no longer match its SHA-256 is refused', async () => {
    const bytes = paperBytes(3000);
    const { cache, name, sha } = await cacheWith(bytes);
    const db = await openDB(name);
    const forged = bytes.slice();
    forged[10] = (forged[10]! + 1) % 256;
    await db.put('blocks', forged, [sha, 0]);
    db.close();

    expect(await cache.read(sha)).toBeNull();
  });

  it('a copies record with no blocks, or a block of the wrong type, reads as no copy and does not throw', async () => {
    const bytes = paperBytes(2000);
    const { cache, name, sha } = await cacheWith(bytes);
    const db = await openDB(name);
    await db.put('blocks', 'not bytes', [sha, 0]);
    await db.put('copies', { size: 10, blocks: 3 }, 'f'.repeat(64));
    db.close();

    await expect(cache.readRange('f'.repeat(64), 0, 10)).resolves.toBeNull();
    await expect(cache.read('f'.repeat(64))).resolves.toBeNull();
    await expect(cache.readRange(sha, 0, 100)).resolves.toBeNull();
  });
});

describe('ATTACK: a damaged client database', () => {
  it('records of the wrong types and a huge outbox payload neither crash the start nor slip through', async () => {
    const name = `attack-${uuidv7()}`;
    const store = await tab(name);
    store.saveDeviceId('device-1');
    await store.close();
    stores.splice(0);

    const db = await openDB(name);
    await db.put('session', { serverUrl: 5, token: null, user: 'x' }, 'current');
    await db.put('ballotKeys', { userId: 7, key: ['x'] }, 'v');
    await db.put('annotationCursors', 'NaN', 'u');
    await db.put('annotations', { id: 'a' }, ['u', 'a']);
    await db.put('documentLists', [{ nonsense: true }], 'm');
    const huge = command('x'.repeat(5 * 1024 * 1024));
    await db.put('outbox', { position: 1, entry: huge }, huge.commandId);
    await db.put('outbox', { position: 'first', entry: command('sai vị trí') }, 'z');
    db.close();

    const reopened = await tab(name);
    expect(reopened.loadSession()).toBeNull();
    expect(reopened.listBallotKeyVotes()).toEqual([]);
    expect(reopened.loadAnnotationCursor('u')).toBe(0);
    expect(reopened.loadAnnotations('u')).toEqual([]);
    expect(reopened.loadDocumentLists()).toEqual([]);
    expect(reopened.loadDeviceId()).toBe('device-1');
  });
});
