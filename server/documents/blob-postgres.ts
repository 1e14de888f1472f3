import { createReadStream } from 'node:fs';
import type { Db } from '../db/schema.js';
import { hasBlobRow, unreferencedBlobs, type BlobStore } from './blob-store.js';

/** Rows of this size: a range read fetches the chunks it touches, and no query moves more than this. */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Blobs in PostgreSQL, so that any node serves any document and a backup of the database
 * holds the papers with their metadata. Each blob is rows of 1 MiB (`document_blob_chunks`),
 * stored uncompressed (`STORAGE EXTERNAL`: PDFs are compressed already).
 */
export class PostgresBlobStore implements BlobStore {
  constructor(private readonly db: Db) {}

  async put(tx: Db, tempPath: string, sha256: string, size: number): Promise<void> {
    if (await hasBlobRow(tx, sha256)) return;
    await tx.insertInto('document_blobs').values({ sha256, size, created_at: new Date().toISOString() }).execute();
    let idx = 0;
    // The file is read a chunk at a time; each chunk is one row, written as it comes.
    for await (const chunk of createReadStream(tempPath, { highWaterMark: CHUNK_BYTES })) {
      await tx
        .insertInto('document_blob_chunks')
        .values({ sha256, idx: idx++, data: chunk as Buffer })
        .execute();
    }
  }

  async *read(sha256: string, start: number, end: number): AsyncIterable<Uint8Array> {
    const first = Math.floor(start / CHUNK_BYTES);
    const last = Math.floor(end / CHUNK_BYTES);
    for (let idx = first; idx <= last; idx++) {
      const row = await this.db
        .selectFrom('document_blob_chunks')
        .select('data')
        .where('sha256', '=', sha256)
        .where('idx', '=', idx)
        .executeTakeFirst();
      if (!row) throw new Error(`blob ${sha256} lacks chunk ${idx}`);
      const base = idx * CHUNK_BYTES;
      const from = Math.max(0, start - base);
      const to = Math.min(row.data.length, end - base + 1);
      yield row.data.subarray(from, to);
    }
  }

  async dropUnreferenced(tx: Db): Promise<string[]> {
    const hashes = await unreferencedBlobs(tx);
    // The chunks go with their blob row (ON DELETE CASCADE).
    if (hashes.length > 0) await tx.deleteFrom('document_blobs').where('sha256', 'in', hashes).execute();
    return hashes;
  }

  async discard(): Promise<void> {
    // Nothing outside the database.
  }

  async sweep(): Promise<number> {
    return 0;
  }
}
