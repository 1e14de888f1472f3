import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { SqliteClientStore } from '../../electron/cache/sqlite-client-store.js';

/** The desktop cache file of the running test, and the stores it opened on it. */
export interface CacheEachTest {
  readonly file: string;
  /** A new store on the file: a second one stands for the app after a restart. */
  openStore(): SqliteClientStore;
  /** The file and its log as someone copying the data folder would read them. */
  fileBytes(): Buffer;
}

/** A fresh folder for each test of the file; its stores are closed and the folder removed after. */
export function cacheEachTest(): CacheEachTest {
  let dir: string | undefined;
  const open: SqliteClientStore[] = [];
  const file = (): string => {
    if (!dir) throw new Error('no cache file outside a test');
    return join(dir, 'cache.sqlite');
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cabinet-cache-'));
  });
  afterEach(() => {
    for (const store of open.splice(0)) store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return {
    get file() {
      return file();
    },
    openStore() {
      const store = new SqliteClientStore(file());
      open.push(store);
      return store;
    },
    fileBytes() {
      const files = [file(), `${file()}-wal`].filter((f) => existsSync(f));
      return Buffer.concat(files.map((f) => readFileSync(f)));
    },
  };
}
