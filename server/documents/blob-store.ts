import type { Db } from '../db/schema.js';

/**
 * Where the bytes of documents live, by SHA-256. With SQLite: files under the data folder.
 * With PostgreSQL: the database itself, so that every node serves every document. The rows
 * of `document_blobs` are the truth on both; `put` runs inside the upload's transaction.
 */
export interface BlobStore {
  /**
   * Stores the verified file at `tempPath` as the blob `sha256`, unless it is there already.
   * Inside the transaction that records the version: on PostgreSQL the bytes commit with it;
   * with files, one rolled back leaves a file no row names, which `sweep` removes.
   */
  put(tx: Db, tempPath: string, sha256: string, size: number): Promise<void>;
  /** Bytes `start`..`end` (inclusive) of a blob, a piece at a time: a large file never sits whole in memory. */
  read(sha256: string, start: number, end: number): AsyncIterable<Uint8Array>;
  /**
   * The whole blob when this store holds it in memory (hot-blobs.ts), to be answered without
   * reading (`whole`: the request is for all of it, and may wait for a load under way);
   * undefined: `read` it. Asking counts as demand for it.
   */
  inMemory?(sha256: string, size: number, whole: boolean): Uint8Array | Promise<Uint8Array | undefined> | undefined;
  /** Deletes blob rows no version names any more (inside a transaction) and returns their hashes. */
  dropUnreferenced(tx: Db): Promise<string[]>;
  /**
   * Removes what is outside the database (files) of blobs no row names. Each is checked again
   * inside a transaction right before it goes: an upload of the same bytes may have put the
   * file back (and committed its row) since the row was dropped.
   */
  discard(hashes: readonly string[]): Promise<void>;
  /** At start: removes files no row names (an upload cut between its file and its commit). */
  sweep(db: Db): Promise<number>;
}

export async function unreferencedBlobs(tx: Db): Promise<string[]> {
  const rows = await tx
    .selectFrom('document_blobs as b')
    .select('b.sha256')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('document_versions as v').select('v.sha256').whereRef('v.sha256', '=', 'b.sha256'))),
    )
    .execute();
  return rows.map((r) => r.sha256);
}

export async function hasBlobRow(tx: Db, sha256: string): Promise<boolean> {
  return (
    (await tx.selectFrom('document_blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst()) !==
    undefined
  );
}
