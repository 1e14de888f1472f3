import { describe, expect, it } from 'vitest';
import { sha256Hex } from './document-download.js';
import { MAX_RANGE_BYTES } from './document-platform.js';
import { MemoryDocumentCache } from './memory-document-cache.js';

const bytes = new TextEncoder().encode('%PDF-1.7 Nghị quyết kỳ họp thứ nhất');

async function holding() {
  const cache = new MemoryDocumentCache();
  const sha = await sha256Hex(bytes);
  await cache.append(sha, bytes);
  expect(await cache.finish(sha)).toBe(true);
  return { cache, sha };
}

describe('MemoryDocumentCache ranges', () => {
  it('reads ranges of a verified copy, each a copy the reader may hand to pdf.js', async () => {
    const { cache, sha } = await holding();
    expect(await cache.size(sha)).toBe(bytes.length);
    const range = await cache.readRange(sha, 3, 9);
    expect(range).toEqual(bytes.subarray(3, 9));
    expect(range?.buffer.byteLength).toBe(6);
    // pdf.js detaches the chunk's buffer when it sends it to its worker: the copy stays whole.
    if (range) structuredClone(range, { transfer: [range.buffer as ArrayBuffer] });
    expect(range?.byteLength).toBe(0);
    expect(await cache.readRange(sha, 0, bytes.length)).toEqual(bytes);
  });

  it('refuses a bad range, an unknown hash and a partial copy', async () => {
    const { cache, sha } = await holding();
    const n = bytes.length;
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
    await cache.append('a'.repeat(64), bytes);
    expect(await cache.readRange('a'.repeat(64), 0, 1)).toBeNull();
    await cache.delete(sha);
    expect(await cache.readRange(sha, 0, 1)).toBeNull();
  });
});
