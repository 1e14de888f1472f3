import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RANGE_BYTES } from '../../shared/client/index.js';
import { FileDocumentCache, type CopyLedger } from './file-document-cache.js';
import { describeDocumentCache } from '../../test/support/document-cache-contract.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function ledger(): CopyLedger & { rows: Map<string, number> } {
  const rows = new Map<string, number>();
  return {
    rows,
    listCopies: () => [...rows.keys()],
    addCopy: (sha, size) => void rows.set(sha, size),
    removeCopy: (sha) => void rows.delete(sha),
    clearCopies: () => rows.clear(),
  };
}

const bytes = new TextEncoder().encode('%PDF-1.7 Biểu quyết thông qua');
const sha = createHash('sha256').update(bytes).digest('hex');

function open(book = ledger()) {
  const dir = join(mkdtempSync(join(tmpdir(), 'cabinet-doccache-')), 'documents');
  dirs.push(join(dir, '..'));
  return { cache: new FileDocumentCache(dir, book), dir, rows: book.rows, book };
}

describe('FileDocumentCache', () => {
  it('keeps nothing of a copy whose finishing straddles a wipe (another person signing in), and throws nothing', async () => {
    // The wipe lands at each step of the finishing in turn: before the hash, after it, around the rename.
    for (let ticks = 0; ticks < 12; ticks++) {
      const { cache, dir, rows } = open();
      await cache.append(sha, bytes);
      const finishing = cache.finish(sha);
      for (let i = 0; i < ticks; i++) await new Promise((resolve) => setImmediate(resolve));
      await cache.clear();
      await expect(finishing).resolves.toBe(false);
      expect(readdirSync(dir)).toEqual([]);
      expect(rows.size).toBe(0);
      expect(await cache.list()).toEqual([]);
    }
  });

  it('keeps a verified copy under its hash, 0600 in a 0700 folder, recorded in the ledger', async () => {
    const { cache, dir, rows } = open();
    await cache.append(sha, bytes.subarray(0, 10));
    expect(await cache.partialSize(sha)).toBe(10);
    expect(await cache.listPartial()).toEqual([sha]);
    await cache.append(sha, bytes.subarray(10));
    expect(await cache.finish(sha)).toBe(true);
    expect(readdirSync(dir)).toEqual([sha]);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, sha)).mode & 0o777).toBe(0o600);
    expect(rows.get(sha)).toBe(bytes.length);
    expect(await cache.read(sha)).toEqual(bytes);
    await cache.delete(sha);
    expect(readdirSync(dir)).toEqual([]);
    expect(await cache.list()).toEqual([]);
  });

  it('deletes bytes that do not hash to their name', async () => {
    const { cache, dir } = open();
    await cache.append(sha, new TextEncoder().encode('not the paper'));
    expect(await cache.finish(sha)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    expect(await cache.read(sha)).toBeNull();
  });

  it('reads ranges of a recorded copy, each in a buffer of its own', async () => {
    const { cache } = open();
    await cache.append(sha, bytes);
    await cache.finish(sha);
    expect(await cache.size(sha)).toBe(bytes.length);
    for (const [begin, end] of [
      [0, bytes.length],
      [0, 1],
      [5, 17],
      [bytes.length - 1, bytes.length],
    ] as const) {
      const range = await cache.readRange(sha, begin, end);
      expect(range).toEqual(bytes.subarray(begin, end));
      // pdf.js transfers the chunk's buffer to its worker: it must be this range's alone.
      expect(range?.buffer.byteLength).toBe(end - begin);
    }
  });

  it('refuses a bad range, an unknown hash, a path, a partial copy and a file the ledger does not name', async () => {
    const { cache, dir, rows } = open();
    await cache.append(sha, bytes);
    await cache.finish(sha);
    const n = bytes.length;
    const bad = [
      [0, 0],
      [5, 4],
      [-1, 3],
      [0, n + 1],
      [n, n + 1],
      [0.5, 3],
      [Number.NaN, 3],
      [0, Number.POSITIVE_INFINITY],
      [2 ** 53, 2 ** 53 + 1],
      [0, MAX_RANGE_BYTES + 1],
    ];
    for (const [begin = 0, end = 0] of bad)
      expect(await cache.readRange(sha, begin, end), `${begin}-${end}`).toBeNull();
    for (const name of ['e'.repeat(64), '../../etc/passwd', sha.toUpperCase(), `${sha}.part`, '']) {
      expect(await cache.readRange(name, 0, 1), name).toBeNull();
      expect(await cache.size(name), name).toBeNull();
    }
    const half = 'c'.repeat(64);
    await cache.append(half, bytes.subarray(0, 10));
    expect(await cache.readRange(half, 0, 5)).toBeNull();
    // On disk under its name, but not (or no longer) in the ledger: not a verified copy.
    rows.delete(sha);
    expect(readdirSync(dir)).toContain(sha);
    expect(await cache.readRange(sha, 0, 5)).toBeNull();
    expect(await cache.size(sha)).toBeNull();
  });

  it('answers nothing for a range of a copy cut short under it, nor once the copy is deleted', async () => {
    const { cache, dir } = open();
    await cache.append(sha, bytes);
    await cache.finish(sha);
    expect(await cache.readRange(sha, 0, 4)).toEqual(bytes.subarray(0, 4)); // now open between ranges
    truncateSync(join(dir, sha), 10);
    expect(await cache.readRange(sha, 5, 20)).toBeNull();
    expect(await cache.readRange(sha, 0, 10)).toEqual(bytes.subarray(0, 10));
    // Closed before it goes: no range of a deleted copy comes from the file still open.
    const reading = cache.readRange(sha, 0, 10);
    await cache.delete(sha);
    expect([bytes.subarray(0, 10).join(), 'null']).toContain(String((await reading)?.join() ?? null));
    expect(await cache.readRange(sha, 0, 10)).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('clearing closes every copy open for ranges, and deletes them', async () => {
    const { cache, dir } = open();
    await cache.append(sha, bytes);
    await cache.finish(sha);
    expect(await cache.readRange(sha, 0, 4)).toEqual(bytes.subarray(0, 4));
    await cache.clear();
    expect(await cache.readRange(sha, 0, 4)).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('on opening, trusts only recorded copies and partial ones; refuses names that are not hashes', async () => {
    const first = open();
    await first.cache.append(sha, bytes);
    await first.cache.finish(sha);
    const other = 'b'.repeat(64);
    writeFileSync(join(first.dir, other), 'renamed but never recorded');
    writeFileSync(join(first.dir, `${'c'.repeat(64)}.part`), 'half');
    writeFileSync(join(first.dir, 'stray.txt'), 'x');
    first.rows.set('d'.repeat(64), 5); // recorded, file lost
    const again = new FileDocumentCache(first.dir, first.book);
    expect(readdirSync(first.dir).sort()).toEqual([sha, `${'c'.repeat(64)}.part`].sort());
    expect(await again.list()).toEqual([sha]);
    await expect(again.read('../../etc/passwd')).resolves.toBeNull();
    await expect(again.append('../x', bytes)).rejects.toThrow(/not a SHA-256/);
    await again.clear();
    expect(readdirSync(first.dir)).toEqual([]);
    expect(first.rows.size).toBe(0);
  });
});

let lastOpened: ReturnType<typeof open> | null = null;
describeDocumentCache('FileDocumentCache', {
  open: async () => (lastOpened = open()).cache,
  // The app after a restart: a new cache on the same folder and ledger.
  reopen: async () => {
    if (!lastOpened) throw new Error('reopen before open');
    return new FileDocumentCache(lastOpened.dir, lastOpened.book);
  },
});
