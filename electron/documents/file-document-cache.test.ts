import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileDocumentCache, type CopyLedger } from './file-document-cache.js';

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
