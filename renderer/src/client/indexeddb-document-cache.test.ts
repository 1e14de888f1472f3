import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { uuidv7 } from 'uuidv7';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/client/document-download.js';
import { describeDocumentCache, paperBytes } from '../../../test/support/document-cache-contract.js';
import { IndexedDbDocumentCache } from './indexeddb-document-cache.js';
import { SCRUB_PENDING } from './indexeddb-scrub.js';

let name = '';
const opened: IndexedDbDocumentCache[] = [];
async function open(): Promise<IndexedDbDocumentCache> {
  const cache = await IndexedDbDocumentCache.open(name, 64 * 1024);
  opened.push(cache);
  return cache;
}
afterEach(async () => {
  for (const cache of opened.splice(0)) await cache.close();
});

describeDocumentCache('IndexedDbDocumentCache', {
  open: () => {
    name = `cabinet-docs-${uuidv7()}`;
    return open();
  },
  reopen: async (previous) => {
    await (previous as IndexedDbDocumentCache).close();
    return open();
  },
});

/** A new database holding one finished copy of a paper of `size` bytes. */
async function cacheWithPaper(size: number): Promise<{ cache: IndexedDbDocumentCache; sha: string }> {
  name = `cabinet-docs-${uuidv7()}`;
  const cache = await open();
  const paper = paperBytes(size);
  const sha = await sha256Hex(paper);
  await cache.append(sha, paper);
  await cache.finish(sha);
  return { cache, sha };
}

describe('IndexedDbDocumentCache: what is left in the database', () => {
  it('keeps not one block or chunk of a deleted paper (a recall), nor of a failed download', async () => {
    const { cache, sha } = await cacheWithPaper(2_200_000);
    await cache.append('e'.repeat(64), paperBytes(10));
    await cache.finish('e'.repeat(64));
    const kept = paperBytes(1000).reverse();
    const keptSha = await sha256Hex(kept);
    await cache.append(keptSha, kept);
    await cache.finish(keptSha);
    await cache.delete(sha);

    const db = await openDB(name);
    expect(await db.getAllKeys('copies')).toEqual([keptSha]);
    expect(await db.getAllKeys('blocks')).toEqual([[keptSha, 0]]);
    expect(await db.count('partials')).toBe(0);
    expect(await db.count('chunks')).toBe(0);
    db.close();
  });

  it('finishes, when it next opens, a scrub that a closed tab cut short', async () => {
    const { cache } = await cacheWithPaper(100_000);
    await cache.clear();
    await cache.close();
    const db = await openDB(name);
    // What a wipe's transaction writes, left behind as by a tab closed before its scrub ended.
    expect(await db.get('meta', SCRUB_PENDING)).toBeUndefined();
    await db.put('meta', 1, SCRUB_PENDING);
    db.close();
    await (await open()).close();
    const after = await openDB(name);
    expect(await after.get('meta', SCRUB_PENDING)).toBeUndefined();
    expect(await after.count('scratch')).toBe(0);
    after.close();
  });
});
