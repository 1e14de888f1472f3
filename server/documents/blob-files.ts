import { createReadStream } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/schema.js';
import type { Store } from '../db/store.js';
import { hasBlobRow, unreferencedBlobs, type BlobStore } from './blob-store.js';

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Blobs as files: `<dataDir>/documents/<first two hex digits>/<sha256>`, mode 0600, in the
 * data folder that only the server's user may enter. Uploads are written first to
 * `documents/incoming/` on the same disk, so that moving one into place is a rename.
 */
export class FileBlobStore implements BlobStore {
  readonly root: string;
  readonly incoming: string;

  constructor(
    dataDir: string,
    private readonly store: Store,
  ) {
    this.root = join(dataDir, 'documents');
    this.incoming = join(this.root, 'incoming');
  }

  async open(): Promise<void> {
    await mkdir(this.incoming, { recursive: true, mode: 0o700 });
  }

  pathOf(sha256: string): string {
    if (!HEX64.test(sha256)) throw new Error('not a SHA-256');
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(tx: Db, tempPath: string, sha256: string, size: number): Promise<void> {
    if (await hasBlobRow(tx, sha256)) return;
    const target = this.pathOf(sha256);
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
    await chmod(tempPath, 0o600);
    await rename(tempPath, target);
    await tx.insertInto('document_blobs').values({ sha256, size, created_at: new Date().toISOString() }).execute();
  }

  read(sha256: string, start: number, end: number): AsyncIterable<Uint8Array> {
    // The file stream itself, not a generator over it: served as it is, the pieces go
    // straight to the socket with no async step per piece (200 tablets fetching at once).
    return createReadStream(this.pathOf(sha256), { start, end, highWaterMark: 256 * 1024 });
  }

  dropUnreferenced(tx: Db): Promise<string[]> {
    return dropRows(tx);
  }

  async discard(hashes: readonly string[]): Promise<void> {
    for (const sha of hashes)
      // Inside a transaction: an upload moves its file into place inside its own, so the two
      // cannot interleave (one SQLite connection runs one transaction at a time).
      await this.store.transaction(async (tx) => {
        if (!(await hasBlobRow(tx, sha))) await rm(this.pathOf(sha), { force: true });
      });
  }

  async sweep(db: Db): Promise<number> {
    let removed = 0;
    await rm(this.incoming, { recursive: true, force: true });
    await mkdir(this.incoming, { recursive: true, mode: 0o700 });
    for (const dir of await readdir(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of await readdir(join(this.root, dir))) {
        const path = join(this.root, dir, name);
        if (HEX64.test(name) && (await hasBlobRow(db, name))) continue;
        if ((await stat(path)).isFile()) {
          await rm(path, { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}

async function dropRows(tx: Db): Promise<string[]> {
  const hashes = await unreferencedBlobs(tx);
  if (hashes.length > 0) await tx.deleteFrom('document_blobs').where('sha256', 'in', hashes).execute();
  return hashes;
}
