import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { concatBytes, sha256Hex } from '../../../shared/client/document-download.js';
import { isReadableRange, type DocumentCache } from '../../../shared/client/document-platform.js';
import { newScrubMark, scrubFreedRecords, SCRUB_BYTES, SCRUB_PENDING } from './indexeddb-scrub.js';

export const DOCUMENT_DATABASE = 'cabinet-documents';
/**
 * A verified copy is kept in blocks of this size: the reader's range reads (64 KiB at a
 * time from pdf.js) load one or two blocks, never the whole paper.
 */
export const BLOCK_BYTES = 1024 * 1024;

interface CopyRecord {
  size: number;
  blocks: number;
}
interface PartialRecord {
  size: number;
  chunks: number;
}

interface DocumentDatabase extends DBSchema {
  /** By SHA-256: the verified copies. */
  copies: { key: string; value: CopyRecord };
  /** By [SHA-256, block number]. */
  blocks: { key: [string, number]; value: Uint8Array };
  /** By SHA-256: downloads under way, resumed from their size after a reload. */
  partials: { key: string; value: PartialRecord };
  /** By [SHA-256, chunk number]: a download's chunks as they arrived. */
  chunks: { key: [string, number]; value: Uint8Array };
  /** 'generation': raised by every `clear`; a tab downloading for someone signed out since may not keep it. */
  meta: { key: string; value: number };
  /** Throw-away records that make the browser compact what was deleted (indexeddb-scrub.ts). */
  scratch: { key: number; value: Uint8Array };
}

const STORES = ['copies', 'blocks', 'partials', 'chunks', 'meta', 'scratch'] as const;

/** The keys of one paper's blocks or chunks, first to last. */
function ofPaper(sha256: string, first = 0, last = Number.MAX_SAFE_INTEGER): IDBKeyRange {
  return IDBKeyRange.bound([sha256, first], [sha256, last]);
}

/**
 * The browser's copies of documents, in IndexedDB, so a tablet's browser opens a paper with
 * no network, after a reload or a restart, like the desktop's files. A download is appended
 * chunk by chunk (a reload resumes it); `finish` checks the whole SHA-256 and only then keeps
 * it, in blocks. Deleting a copy deletes its blocks in the same transaction.
 */
export class IndexedDbDocumentCache implements DocumentCache {
  static async open(name = DOCUMENT_DATABASE, scrubBytes = SCRUB_BYTES): Promise<IndexedDbDocumentCache> {
    const db = await openDB<DocumentDatabase>(name, 2, {
      upgrade(database) {
        for (const store of STORES) if (!database.objectStoreNames.contains(store)) database.createObjectStore(store);
      },
      blocking() {
        db.close();
      },
    });
    const cache = new IndexedDbDocumentCache(db, (await db.get('meta', 'generation')) ?? 0, scrubBytes);
    if ((await db.get('meta', SCRUB_PENDING)) !== undefined) void cache.scrubSoon().catch(() => undefined);
    return cache;
  }

  private constructor(
    private readonly db: IDBPDatabase<DocumentDatabase>,
    /** The `clear` this page's copies come after. */
    private generation: number,
    private readonly scrubBytes: number,
  ) {}

  private scrubbing: Promise<void> = Promise.resolve();
  private scrubQueued = false;

  /** Closes the database once a scrub under way is done (tests; a page never needs to). */
  async close(): Promise<void> {
    await this.scrubbing.catch(() => undefined);
    this.db.close();
  }

  async list(): Promise<string[]> {
    return this.db.getAllKeys('copies');
  }
  async has(sha256: string): Promise<boolean> {
    return (await this.db.count('copies', sha256)) > 0;
  }
  async listPartial(): Promise<string[]> {
    return this.db.getAllKeys('partials');
  }
  async partialSize(sha256: string): Promise<number> {
    return (await this.db.get('partials', sha256))?.size ?? 0;
  }

  async append(sha256: string, chunk: Uint8Array): Promise<void> {
    const tx = this.db.transaction(['partials', 'chunks', 'meta'], 'readwrite');
    if (!(await this.current(tx))) throw new Error('the copies were cleared by another tab');
    const partials = tx.objectStore('partials');
    const held = (await partials.get(sha256)) ?? { size: 0, chunks: 0 };
    // A copy: the transport may reuse its buffer for the next chunk.
    void tx.objectStore('chunks').put(chunk.slice(), [sha256, held.chunks]);
    void partials.put({ size: held.size + chunk.byteLength, chunks: held.chunks + 1 }, sha256);
    await tx.done;
  }

  async discardPartial(sha256: string): Promise<void> {
    const tx = this.db.transaction(['partials', 'chunks'], 'readwrite');
    void tx.objectStore('partials').delete(sha256);
    void tx.objectStore('chunks').delete(ofPaper(sha256));
    await tx.done;
  }

  async finish(sha256: string): Promise<boolean> {
    const bytes = concatBytes(await this.db.getAll('chunks', ofPaper(sha256)));
    const verified = (await sha256Hex(bytes)) === sha256;
    const tx = this.db.transaction(['partials', 'chunks', 'copies', 'blocks', 'meta'], 'readwrite');
    // Downloaded for someone signed out since, in another tab: not kept.
    if (!(await this.current(tx))) return false;
    void tx.objectStore('partials').delete(sha256);
    void tx.objectStore('chunks').delete(ofPaper(sha256));
    if (verified) {
      const blocks = Math.ceil(bytes.byteLength / BLOCK_BYTES);
      for (let i = 0; i < blocks; i++)
        void tx.objectStore('blocks').put(bytes.slice(i * BLOCK_BYTES, (i + 1) * BLOCK_BYTES), [sha256, i]);
      void tx.objectStore('copies').put({ size: bytes.byteLength, blocks }, sha256);
    }
    await tx.done;
    return verified;
  }

  /** Whether no `clear` came since this page's; if one did, the transaction is aborted. */
  private async current(tx: {
    objectStore(name: 'meta'): { get(key: string): Promise<number | undefined> };
    abort(): void;
    done: Promise<void>;
  }): Promise<boolean> {
    if (((await tx.objectStore('meta').get('generation')) ?? 0) === this.generation) return true;
    tx.abort();
    await tx.done.catch(() => undefined);
    return false;
  }

  async read(sha256: string): Promise<Uint8Array | null> {
    const tx = this.db.transaction(['copies', 'blocks'], 'readonly');
    const copy = await tx.objectStore('copies').get(sha256);
    const blocks = copy ? await tx.objectStore('blocks').getAll(ofPaper(sha256)) : [];
    await tx.done;
    const bytes = copy && blocks.length === copy.blocks && wholeBlocks(blocks, copy, 0) ? concatBytes(blocks) : null;
    // A whole read holds every byte anyway: checked again, so a damaged profile shows nothing wrong.
    return bytes && (await sha256Hex(bytes)) === sha256 ? bytes : null;
  }

  async size(sha256: string): Promise<number | null> {
    return (await this.db.get('copies', sha256))?.size ?? null;
  }

  async readRange(sha256: string, begin: number, end: number): Promise<Uint8Array | null> {
    if (!isReadableRange(begin, end)) return null;
    const tx = this.db.transaction(['copies', 'blocks'], 'readonly');
    const copy = await tx.objectStore('copies').get(sha256);
    if (!copy || end > copy.size) return null;
    const first = Math.floor(begin / BLOCK_BYTES);
    const last = Math.floor((end - 1) / BLOCK_BYTES);
    const blocks = await tx.objectStore('blocks').getAll(ofPaper(sha256, first, last));
    if (!wholeBlocks(blocks, copy, first) || blocks.length !== last - first + 1) return null;
    const offset = first * BLOCK_BYTES;
    // A buffer of its own: pdf.js transfers it to its worker.
    return concatBytes(blocks).slice(begin - offset, end - offset);
  }

  /** A recall or a loss of access: the paper's bytes go, from the browser's log files too. */
  async delete(sha256: string): Promise<void> {
    const tx = this.db.transaction(['partials', 'chunks', 'copies', 'blocks', 'meta'], 'readwrite');
    void tx.objectStore('meta').put(newScrubMark(), SCRUB_PENDING);
    void tx.objectStore('copies').delete(sha256);
    void tx.objectStore('blocks').delete(ofPaper(sha256));
    void tx.objectStore('partials').delete(sha256);
    void tx.objectStore('chunks').delete(ofPaper(sha256));
    await tx.done;
    // Not awaited: a recall deletes every paper of the meeting, one after another, and one
    // scrub after the burst does for all of them.
    void this.scrubSoon().catch(() => undefined);
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction(['partials', 'chunks', 'copies', 'blocks', 'meta'], 'readwrite');
    const generation = ((await tx.objectStore('meta').get('generation')) ?? 0) + 1;
    this.generation = generation;
    void tx.objectStore('meta').put(generation, 'generation');
    void tx.objectStore('meta').put(newScrubMark(), SCRUB_PENDING);
    for (const store of ['partials', 'chunks', 'copies', 'blocks'] as const) void tx.objectStore(store).clear();
    await tx.done;
    // Not awaited: the copies are gone once the transaction is; the scrub (seconds on a slow
    // tablet) need not hold back the next person's sign-in or the notice of a revoked device.
    void this.scrubSoon().catch(() => undefined);
  }

  /** One scrub for the deletes of a burst: a second is queued only while one is already running. */
  private scrubSoon(): Promise<void> {
    if (!this.scrubQueued) {
      this.scrubQueued = true;
      this.scrubbing = this.scrubbing
        .catch(() => undefined)
        .then(async () => {
          this.scrubQueued = false;
          const mark = await this.db.get('meta', SCRUB_PENDING);
          await scrubFreedRecords(this.db, this.scrubBytes);
          const tx = this.db.transaction('meta', 'readwrite');
          if ((await tx.store.get(SCRUB_PENDING)) === mark) void tx.store.delete(SCRUB_PENDING);
          await tx.done;
        });
    }
    return this.scrubbing;
  }
}

/**
 * The blocks a range needs, as `finish` wrote them: bytes, each full but the copy's last.
 * Anything else (a damaged profile, a hostile script) reads as no copy, never as wrong bytes.
 */
function wholeBlocks(blocks: readonly unknown[], copy: CopyRecord, first: number): blocks is Uint8Array[] {
  return blocks.every((block, i) => {
    if (!(block instanceof Uint8Array)) return false;
    const index = first + i;
    const expected = index === copy.blocks - 1 ? copy.size - index * BLOCK_BYTES : BLOCK_BYTES;
    return block.byteLength === expected;
  });
}
