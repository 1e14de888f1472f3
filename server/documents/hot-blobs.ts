import { createHash } from 'node:crypto';
import type { Db } from '../db/schema.js';
import type { BlobStore } from './blob-store.js';

const MiB = 1024 * 1024;

export interface HotBlobLimits {
  /** All the bytes held at once; the least recently served go first. */
  totalBytes: number;
  /** A larger blob is always read from the store (a 200 MB scan never sits whole in memory). */
  entryBytes: number;
}

/** Room for a meeting's pack of papers; a few hundred delegates fetch the same few files at once. */
export const HOT_BLOB_LIMITS: HotBlobLimits = { totalBytes: 128 * MiB, entryBytes: 32 * MiB };

/** How many blobs asked for once are remembered (for admission on the second ask). */
const ASKED_ONCE_MAX = 1024;

/**
 * The blobs in demand, held in memory: when the whole room downloads a meeting's pack, every
 * read of a piece from the store (a thread-pool trip, a new buffer for the collector, and on
 * PostgreSQL a query) is paid again by each tablet, and that, not the sockets, bounded how fast
 * the pack went out. A held blob is answered as slices of one buffer, which the sockets drain
 * with no JavaScript per piece.
 *
 * Blobs are named by their SHA-256, so a held one can never be stale: every request still
 * resolves its document, its access and its version's hash through the database first. A blob
 * is loaded the second time it is asked for, in the background, and held only if its bytes
 * hash to its name. A range asked meanwhile reads the store as before (the first page of a cold
 * file waits for nothing); a request of the whole blob waits for the load, which reads the same
 * bytes at the same speed: the room's first wave of downloads is answered from memory too.
 */
export class HotBlobStore implements BlobStore {
  /** Insertion order is recency: a hit moves its entry to the end. */
  private readonly held = new Map<string, Buffer>();
  private heldBytes = 0;
  /** Loads in flight: the verified bytes, or undefined. `forget` drops one, which then keeps nothing. */
  private readonly loading = new Map<string, Promise<Buffer | undefined>>();
  private readonly askedOnce = new Set<string>();

  constructor(
    private readonly inner: BlobStore,
    private readonly limits: HotBlobLimits = HOT_BLOB_LIMITS,
    private readonly onLoadError: (error: unknown) => void = () => undefined,
  ) {}

  /**
   * The whole blob if it is held, or (`whole`: the request is for all of it) once the load
   * under way ends; else undefined, noting the demand (which may start a load for next time).
   */
  inMemory(sha256: string, size: number, whole = false): Uint8Array | Promise<Uint8Array | undefined> | undefined {
    const bytes = this.held.get(sha256);
    if (bytes) {
      this.held.delete(sha256);
      this.held.set(sha256, bytes);
      return bytes;
    }
    const inFlight = this.loading.get(sha256);
    if (inFlight) return whole ? inFlight : undefined;
    if (size <= 0 || size > this.limits.entryBytes) return undefined;
    if (!this.askedOnce.has(sha256)) {
      if (this.askedOnce.size >= ASKED_ONCE_MAX) this.askedOnce.clear();
      this.askedOnce.add(sha256);
      return undefined;
    }
    // One load at a time: asking for a byte of each of many large papers must not set the
    // server reading and hashing them all at once. This blob is loaded on a later ask.
    if (this.loading.size > 0) return undefined;
    this.askedOnce.delete(sha256);
    const load = this.load(sha256, size).catch((error: unknown) => {
      this.onLoadError(error);
      return undefined;
    });
    this.loading.set(sha256, load);
    void load.then((loaded) => {
      if (this.loading.get(sha256) !== load) return;
      this.loading.delete(sha256);
      if (loaded) this.hold(sha256, loaded);
    });
    return whole ? load : undefined;
  }

  /** Bytes held now (tests, and a look at memory). */
  get bytesHeld(): number {
    return this.heldBytes;
  }

  read(sha256: string, start: number, end: number): AsyncIterable<Uint8Array> {
    return this.inner.read(sha256, start, end);
  }

  put(tx: Db, tempPath: string, sha256: string, size: number): Promise<void> {
    return this.inner.put(tx, tempPath, sha256, size);
  }

  dropUnreferenced(tx: Db): Promise<string[]> {
    return this.inner.dropUnreferenced(tx);
  }

  async discard(hashes: readonly string[]): Promise<void> {
    // No request can reach these bytes any more (no row names them); the memory is given back.
    this.forget(hashes);
    await this.inner.discard(hashes);
  }

  sweep(db: Db): Promise<number> {
    return this.inner.sweep(db);
  }

  private forget(hashes: readonly string[]): void {
    for (const sha of hashes) {
      const bytes = this.held.get(sha);
      if (bytes) this.heldBytes -= bytes.length;
      this.held.delete(sha);
      this.loading.delete(sha);
      this.askedOnce.delete(sha);
    }
  }

  /** The blob's bytes, if they are all there and hash to its name. */
  private async load(sha256: string, size: number): Promise<Buffer | undefined> {
    const bytes = Buffer.allocUnsafe(size);
    const hash = createHash('sha256');
    let at = 0;
    for await (const piece of this.inner.read(sha256, 0, size - 1)) {
      if (at + piece.length > size) return undefined;
      bytes.set(piece, at);
      hash.update(piece);
      at += piece.length;
    }
    // Short, or not the bytes the rows name: requests keep reading the store, as before.
    return at === size && hash.digest('hex') === sha256 ? bytes : undefined;
  }

  private hold(sha256: string, bytes: Buffer): void {
    while (this.heldBytes + bytes.length > this.limits.totalBytes && this.held.size > 0) {
      const [oldest, old] = this.held.entries().next().value as [string, Buffer];
      this.held.delete(oldest);
      this.heldBytes -= old.length;
    }
    if (this.heldBytes + bytes.length > this.limits.totalBytes) return;
    this.held.set(sha256, bytes);
    this.heldBytes += bytes.length;
  }
}
