import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/schema.js';
import type { BlobStore } from './blob-store.js';
import { HotBlobStore } from './hot-blobs.js';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Blobs in a Map, read in pieces of 1000 bytes; `reads` counts reads run to their end. */
class MapBlobs implements BlobStore {
  readonly blobs = new Map<string, Uint8Array>();
  reads = 0;
  /** While set, every read waits for it (a load that a discard overtakes). */
  gate: Promise<void> | null = null;
  readonly calls: string[] = [];

  add(bytes: Uint8Array, name = sha(bytes)): string {
    this.blobs.set(name, bytes);
    return name;
  }

  async *read(sha256: string, start: number, end: number): AsyncIterable<Uint8Array> {
    try {
      if (this.gate) await this.gate;
      const bytes = this.blobs.get(sha256);
      if (!bytes) throw new Error(`no blob ${sha256}`);
      for (let at = start; at <= end; at += 1000) yield bytes.subarray(at, Math.min(end + 1, at + 1000));
    } finally {
      this.reads++;
    }
  }

  async put(_tx: Db, _tempPath: string, sha256: string): Promise<void> {
    this.calls.push(`put ${sha256}`);
  }

  async dropUnreferenced(): Promise<string[]> {
    this.calls.push('dropUnreferenced');
    return ['gone'];
  }

  async discard(hashes: readonly string[]): Promise<void> {
    this.calls.push(`discard ${hashes.join(',')}`);
  }

  async sweep(): Promise<number> {
    this.calls.push('sweep');
    return 3;
  }
}

/** Asks twice (the second ask starts the load) and waits for the load to end. */
async function askTwice(hot: HotBlobStore, inner: MapBlobs, name: string, size: number) {
  const reads = inner.reads;
  expect(hot.inMemory(name, size)).toBeUndefined();
  expect(hot.inMemory(name, size)).toBeUndefined();
  await vi.waitFor(() => expect(inner.reads).toBe(reads + 1));
  await new Promise((resolve) => setImmediate(resolve));
  return await hot.inMemory(name, size);
}

describe('HotBlobStore', () => {
  it('holds a blob asked for twice, byte for byte, and loads it once', async () => {
    const inner = new MapBlobs();
    const hot = new HotBlobStore(inner, { totalBytes: 100_000, entryBytes: 50_000 });
    const bytes = randomBytes(12_345);
    const name = inner.add(bytes);
    const held = await askTwice(hot, inner, name, bytes.length);
    expect(held && Buffer.from(held).equals(bytes)).toBe(true);
    expect(hot.bytesHeld).toBe(bytes.length);
    for (let i = 0; i < 5; i++) expect(hot.inMemory(name, bytes.length)).toBe(held);
    expect(inner.reads).toBe(1);
  });

  it('never holds a blob above the entry limit, nor one whose bytes are not its name', async () => {
    const inner = new MapBlobs();
    const hot = new HotBlobStore(inner, { totalBytes: 100_000, entryBytes: 10_000 });
    const big = randomBytes(10_001);
    const bigName = inner.add(big);
    for (let i = 0; i < 4; i++) expect(hot.inMemory(bigName, big.length)).toBeUndefined();
    expect(inner.reads).toBe(0);
    const forged = inner.add(randomBytes(5000), sha(randomBytes(5000)));
    expect(await askTwice(hot, inner, forged, 5000)).toBeUndefined();
    // The row says another size than the bytes have: nothing held either.
    const small = randomBytes(3000);
    expect(await askTwice(hot, inner, inner.add(small), 4000)).toBeUndefined();
    expect(hot.bytesHeld).toBe(0);
  });

  it('keeps within its total, letting the least recently served go first', async () => {
    const inner = new MapBlobs();
    const hot = new HotBlobStore(inner, { totalBytes: 25_000, entryBytes: 10_000 });
    const [a, b, c] = [randomBytes(10_000), randomBytes(10_000), randomBytes(10_000)];
    const [na, nb, nc] = [inner.add(a), inner.add(b), inner.add(c)];
    expect(await askTwice(hot, inner, na, a.length)).toBeDefined();
    expect(await askTwice(hot, inner, nb, b.length)).toBeDefined();
    expect(hot.inMemory(na, a.length)).toBeDefined();
    expect(await askTwice(hot, inner, nc, c.length)).toBeDefined();
    expect(hot.bytesHeld).toBe(20_000);
    expect(hot.inMemory(na, a.length)).toBeDefined();
    expect(hot.inMemory(nb, b.length)).toBeUndefined();
  });

  it('gives back the memory of discarded blobs, also of one still loading', async () => {
    const inner = new MapBlobs();
    const hot = new HotBlobStore(inner, { totalBytes: 100_000, entryBytes: 50_000 });
    const bytes = randomBytes(2000);
    const name = inner.add(bytes);
    expect(await askTwice(hot, inner, name, bytes.length)).toBeDefined();
    await hot.discard([name]);
    expect(hot.bytesHeld).toBe(0);
    expect(inner.calls).toEqual([`discard ${name}`]);

    let open = () => undefined as void;
    inner.gate = new Promise<void>((resolve) => (open = resolve));
    hot.inMemory(name, bytes.length);
    hot.inMemory(name, bytes.length);
    await hot.discard([name]);
    open();
    await vi.waitFor(() => expect(inner.reads).toBe(2));
    await new Promise((resolve) => setImmediate(resolve));
    expect(hot.bytesHeld).toBe(0);
    expect(hot.inMemory(name, bytes.length)).toBeUndefined();
  });

  it('lets a request of the whole blob wait for the load under way, never a range', async () => {
    const inner = new MapBlobs();
    const hot = new HotBlobStore(inner, { totalBytes: 100_000, entryBytes: 50_000 });
    const bytes = randomBytes(6000);
    const name = inner.add(bytes);
    let open = () => undefined as void;
    inner.gate = new Promise<void>((resolve) => (open = resolve));
    expect(hot.inMemory(name, bytes.length, true)).toBeUndefined();
    const second = hot.inMemory(name, bytes.length, true);
    expect(second).toBeInstanceOf(Promise);
    expect(hot.inMemory(name, bytes.length, false)).toBeUndefined();
    const third = hot.inMemory(name, bytes.length, true);
    open();
    for (const waited of [await second, await third]) expect(Buffer.from(waited ?? []).equals(bytes)).toBe(true);
    expect(hot.inMemory(name, bytes.length)).toBeDefined();
    expect(inner.reads).toBe(1);
    // A load that finds other bytes than the name says leaves the waiting request to the store.
    const forged = inner.add(randomBytes(3000), sha(randomBytes(3000)));
    hot.inMemory(forged, 3000, true);
    expect(await hot.inMemory(forged, 3000, true)).toBeUndefined();
  });

  it('loads one blob at a time, and another one asked for meanwhile on a later ask', async () => {
    const inner = new MapBlobs();
    const hot = new HotBlobStore(inner, { totalBytes: 100_000, entryBytes: 50_000 });
    const [a, b] = [randomBytes(3000), randomBytes(4000)];
    const [na, nb] = [inner.add(a), inner.add(b)];
    let open = () => undefined as void;
    inner.gate = new Promise<void>((resolve) => (open = resolve));
    hot.inMemory(na, a.length);
    hot.inMemory(na, a.length);
    hot.inMemory(nb, b.length);
    hot.inMemory(nb, b.length);
    inner.gate = null;
    open();
    await vi.waitFor(() => expect(inner.reads).toBe(1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(hot.inMemory(na, a.length)).toBeDefined();
    expect(hot.inMemory(nb, b.length)).toBeUndefined();
    await vi.waitFor(() => expect(inner.reads).toBe(2));
    await new Promise((resolve) => setImmediate(resolve));
    expect(Buffer.from((await hot.inMemory(nb, b.length)) ?? []).equals(b)).toBe(true);
    expect(hot.bytesHeld).toBe(7000);
  });

  it('reports a failed load and passes everything else to the store it wraps', async () => {
    const inner = new MapBlobs();
    const failures: unknown[] = [];
    const hot = new HotBlobStore(inner, { totalBytes: 100_000, entryBytes: 50_000 }, (e) => failures.push(e));
    expect(await askTwice(hot, inner, 'a'.repeat(64), 100)).toBeUndefined();
    expect(failures).toHaveLength(1);
    const bytes = randomBytes(1500);
    const name = inner.add(bytes);
    const pieces: Uint8Array[] = [];
    for await (const piece of hot.read(name, 10, 1209)) pieces.push(piece);
    expect(Buffer.concat(pieces).equals(bytes.subarray(10, 1210))).toBe(true);
    const db = {} as Db;
    await hot.put(db, '/tmp/x', name, bytes.length);
    expect(await hot.dropUnreferenced(db)).toEqual(['gone']);
    expect(await hot.sweep(db)).toBe(3);
    expect(inner.calls).toEqual([`put ${name}`, 'dropUnreferenced', 'sweep']);
  });
});
