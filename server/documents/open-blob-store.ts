import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../db/store.js';
import { FileBlobStore } from './blob-files.js';
import { PostgresBlobStore } from './blob-postgres.js';
import type { BlobStore } from './blob-store.js';
import { HotBlobStore } from './hot-blobs.js';

/**
 * The blobs beside the database: files in the data folder with SQLite, rows in PostgreSQL
 * (every node serves every document). Uploads in flight are written to this node's disk
 * either way (PostgreSQL: a temporary folder of this process); with files, whatever a stopped
 * server left in `incoming/`, and files no row names, are removed at start. Either way the
 * blobs in demand are also held in memory (hot-blobs.ts); a blob that fails to load is read
 * from the store by each request, which reports the failure itself.
 */
export async function openBlobStore(store: Store, dataDir: string): Promise<{ store: BlobStore; incomingDir: string }> {
  if (store.dialect === 'sqlite') {
    const files = new FileBlobStore(dataDir, store);
    await files.open();
    await files.sweep(store.db);
    return { store: new HotBlobStore(files), incomingDir: files.incoming };
  }
  // Several nodes may share a data folder: each takes a folder of its own (0700), read into the database.
  const incomingDir = await mkdtemp(join(tmpdir(), 'cabinet-incoming-'));
  return { store: new HotBlobStore(new PostgresBlobStore(store.db)), incomingDir };
}
