import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { concatBytes, sha256Hex } from '../../../shared/client/document-download.js';
import { isReadableRange, type DocumentCache } from '../../../shared/client/document-platform.js';

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
}

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
  static async open(name = DOCUMENT_DATABASE): Promise<IndexedDbDocumentCache> {
    const db = await openDB<DocumentDatabase>(name, 1, {
      upgrade(database) {
        database.createObjectStore('copies');
        database.createObjectStore('blocks');
        database.createObjectStore('partials');
        database.createObjectStore('chunks');
      },
      blocking() {
        db.close();
      },
    });
    return new IndexedDbDocumentCache(db);
  }

  private constructor(private readonly db: IDBPDatabase<DocumentDatabase>) {}

  close(): void {
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
    const tx = this.db.transaction(['partials', 'chunks'], 'readwrite');
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
    const tx = this.db.transaction(['partials', 'chunks', 'copies', 'blocks'], 'readwrite');
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

  async read(sha256: string): Promise<Uint8Array | null> {
    const tx = this.db.transaction(['copies', 'blocks'], 'readonly');
    const copy = await tx.objectStore('copies').get(sha256);
    const blocks = copy ? await tx.objectStore('blocks').getAll(ofPaper(sha256)) : [];
    await tx.done;
    if (!copy || blocks.length !== copy.blocks) return null;
    return concatBytes(blocks);
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
    if (blocks.length !== last - first + 1) return null;
    const offset = first * BLOCK_BYTES;
    // A buffer of its own: pdf.js transfers it to its worker.
    return concatBytes(blocks).slice(begin - offset, end - offset);
  }

  async delete(sha256: string): Promise<void> {
    const tx = this.db.transaction(['partials', 'chunks', 'copies', 'blocks'], 'readwrite');
    void tx.objectStore('copies').delete(sha256);
    void tx.objectStore('blocks').delete(ofPaper(sha256));
    void tx.objectStore('partials').delete(sha256);
    void tx.objectStore('chunks').delete(ofPaper(sha256));
    await tx.done;
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction(['partials', 'chunks', 'copies', 'blocks'], 'readwrite');
    for (const store of ['partials', 'chunks', 'copies', 'blocks'] as const) void tx.objectStore(store).clear();
    await tx.done;
  }
}
