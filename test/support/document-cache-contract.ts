import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../shared/client/document-download.js';
import { MAX_RANGE_BYTES, type DocumentCache } from '../../shared/client/document-platform.js';

/** Bytes that differ at every offset (a repeated pattern could hide a block read out of place). */
export function paperBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = 2463534242;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** Whole-buffer equality (toEqual walks a 2.5 MB array element by element, for minutes). */
function sameBytes(a: Uint8Array | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * What every device's copies of documents must do (memory in a tab, files on the desktop,
 * IndexedDB in an offline browser), run against each: the reader and the prefetch behave
 * the same everywhere. `reopen` stands for a restart on the same data, where there is one.
 */
export function describeDocumentCache(
  name: string,
  harness: { open(): Promise<DocumentCache>; reopen?: (previous: DocumentCache) => Promise<DocumentCache> },
): void {
  const small = new TextEncoder().encode('%PDF-1.7 Nghị quyết kỳ họp thứ nhất');

  async function holding(bytes: Uint8Array = small) {
    const cache = await harness.open();
    const sha = await sha256Hex(bytes);
    for (let at = 0; at < bytes.length; at += 65_536) await cache.append(sha, bytes.subarray(at, at + 65_536));
    expect(await cache.finish(sha)).toBe(true);
    return { cache, sha };
  }

  describe(`${name}: the document cache contract`, () => {
    it('keeps a download as a partial copy until its hash is checked', async () => {
      const cache = await harness.open();
      const sha = await sha256Hex(small);
      await cache.append(sha, small.subarray(0, 10));
      expect(await cache.partialSize(sha)).toBe(10);
      expect(await cache.listPartial()).toEqual([sha]);
      expect(await cache.has(sha)).toBe(false);
      expect(await cache.read(sha)).toBeNull();
      await cache.append(sha, small.subarray(10));
      expect(await cache.finish(sha)).toBe(true);
      expect(await cache.listPartial()).toEqual([]);
      expect(await cache.list()).toEqual([sha]);
      expect(await cache.read(sha)).toEqual(small);
      expect(await cache.size(sha)).toBe(small.length);
    });

    it('deletes a download whose bytes do not match its hash, and keeps nothing of it', async () => {
      const cache = await harness.open();
      const sha = 'b'.repeat(64);
      await cache.append(sha, small);
      expect(await cache.finish(sha)).toBe(false);
      expect(await cache.has(sha)).toBe(false);
      expect(await cache.listPartial()).toEqual([]);
      expect(await cache.partialSize(sha)).toBe(0);
    });

    it('discards a partial copy on request', async () => {
      const cache = await harness.open();
      await cache.append('c'.repeat(64), small);
      await cache.discardPartial('c'.repeat(64));
      expect(await cache.listPartial()).toEqual([]);
    });

    it('reads ranges of a big copy, across its inner boundaries, each in a buffer of its own', async () => {
      const big = paperBytes(2_500_000);
      const { cache, sha } = await holding(big);
      for (const [begin, end] of [
        [0, 65_536],
        [1_000_000, 1_100_000],
        [1_048_000, 1_049_000],
        [2_097_000, 2_098_000],
        [2_400_000, 2_500_000],
        [0, 2_500_000],
      ] as const) {
        const range = await cache.readRange(sha, begin, end);
        expect(sameBytes(range, big.subarray(begin, end)), `${begin}-${end}`).toBe(true);
        expect(range?.buffer.byteLength).toBe(end - begin);
      }
      expect(sameBytes(await cache.read(sha), big)).toBe(true);
    });

    it('refuses a bad range, an unknown hash and a partial copy', async () => {
      const { cache, sha } = await holding();
      const n = small.length;
      for (const [begin, end] of [
        [0, 0],
        [4, 2],
        [-1, 2],
        [0, n + 1],
        [1.5, 3],
        [Number.NaN, 1],
        [0, MAX_RANGE_BYTES + 1],
      ] as const) {
        expect(await cache.readRange(sha, begin, end), `${begin}-${end}`).toBeNull();
      }
      expect(await cache.readRange('f'.repeat(64), 0, 1)).toBeNull();
      expect(await cache.size('f'.repeat(64))).toBeNull();
      await cache.append('a'.repeat(64), small);
      expect(await cache.readRange('a'.repeat(64), 0, 1)).toBeNull();
    });

    it('deletes a copy and its partial, and clears everything', async () => {
      const { cache, sha } = await holding();
      await cache.append(sha, small.subarray(0, 5));
      await cache.delete(sha);
      expect(await cache.has(sha)).toBe(false);
      expect(await cache.readRange(sha, 0, 1)).toBeNull();
      expect(await cache.listPartial()).toEqual([]);
      const other = await sha256Hex(paperBytes(100));
      await cache.append(other, paperBytes(100));
      await cache.finish(other);
      await cache.append('d'.repeat(64), small);
      await cache.clear();
      expect(await cache.list()).toEqual([]);
      expect(await cache.listPartial()).toEqual([]);
    });

    const reopen = harness.reopen;
    if (reopen) {
      it('keeps its copies and resumes a partial one after a restart', async () => {
        const { cache, sha } = await holding();
        const next = paperBytes(300_000);
        const nextSha = await sha256Hex(next);
        await cache.append(nextSha, next.subarray(0, 100_000));
        const again = await reopen(cache);
        expect(await again.read(sha)).toEqual(small);
        expect(await again.partialSize(nextSha)).toBe(100_000);
        await again.append(nextSha, next.subarray(100_000));
        expect(await again.finish(nextSha)).toBe(true);
        expect(await again.readRange(nextSha, 99_000, 101_000)).toEqual(next.subarray(99_000, 101_000));
      });
    }
  });
}
