import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { appendFile, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isReadableRange, type DocumentCache } from '../../shared/client/index.js';
import { OpenCopies } from './open-copies.js';

/** Where the cache records which copies are complete and verified (SQLite in the app). */
export interface CopyLedger {
  listCopies(): string[];
  addCopy(sha256: string, size: number): void;
  removeCopy(sha256: string): void;
  clearCopies(): void;
}

const SHA256 = /^[0-9a-f]{64}$/;
const PART = '.part';

/**
 * The desktop's document copies: one file per SHA-256 in the app's cache folder (0700, files
 * 0600: other accounts on the tablet cannot read the papers), a download going to
 * `<sha256>.part` first. `finish` hashes the whole file with Node's streaming SHA-256 and
 * only then renames it and records it in the ledger; a file the ledger does not name is
 * not trusted and is deleted when the cache opens.
 */
export class FileDocumentCache implements DocumentCache {
  /** Copies the reader is reading by ranges, kept open between its ranges. */
  private readonly reading = new OpenCopies();
  /** Raised by every `clear`: a copy finished across a wipe was someone else's, and goes. */
  private generation = 0;

  constructor(
    private readonly dir: string,
    private readonly ledger: CopyLedger,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const recorded = new Set(ledger.listCopies());
    for (const sha of recorded) if (!existsSync(this.file(sha))) ledger.removeCopy(sha);
    for (const name of readdirSync(dir)) {
      const sha = name.endsWith(PART) ? name.slice(0, -PART.length) : name;
      const known = SHA256.test(sha) && (name.endsWith(PART) || recorded.has(sha));
      if (!known) rmSync(join(dir, name), { recursive: true, force: true });
    }
  }

  async list(): Promise<string[]> {
    return this.ledger.listCopies().filter((sha) => SHA256.test(sha));
  }

  async has(sha256: string): Promise<boolean> {
    return this.ledger.listCopies().includes(sha256) && existsSync(this.file(sha256));
  }

  async listPartial(): Promise<string[]> {
    const names = await readdir(this.dir);
    return names.filter((n) => n.endsWith(PART)).map((n) => n.slice(0, -PART.length));
  }

  async partialSize(sha256: string): Promise<number> {
    try {
      return (await stat(this.part(sha256))).size;
    } catch {
      return 0;
    }
  }

  async append(sha256: string, chunk: Uint8Array): Promise<void> {
    await appendFile(this.part(sha256), chunk, { mode: 0o600 });
  }

  async discardPartial(sha256: string): Promise<void> {
    await rm(this.part(sha256), { force: true });
  }

  async finish(sha256: string): Promise<boolean> {
    const generation = this.generation;
    const part = this.part(sha256);
    try {
      if ((await hashFile(part)) !== sha256) {
        await rm(part, { force: true });
        return false;
      }
      // On disk before it is renamed and recorded: a power cut must not leave a named half file.
      const handle = await open(part, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(part, this.file(sha256));
    } catch (error) {
      // The partial copy went meanwhile (a sign-out cleared the cache): nothing to finish.
      if (isMissing(error)) return false;
      throw error;
    }
    if (generation !== this.generation) {
      // Renamed after the wipe had listed the folder: the last person's paper must not stay.
      await rm(this.file(sha256), { force: true });
      return false;
    }
    this.ledger.addCopy(sha256, (await stat(this.file(sha256))).size);
    return true;
  }

  async read(sha256: string): Promise<Uint8Array | null> {
    if (!(await this.has(sha256))) return null;
    try {
      const bytes = await readFile(this.file(sha256));
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch {
      return null;
    }
  }

  async size(sha256: string): Promise<number | null> {
    if (!(await this.has(sha256))) return null;
    try {
      return (await stat(this.file(sha256))).size;
    } catch {
      return null;
    }
  }

  async readRange(sha256: string, begin: number, end: number): Promise<Uint8Array | null> {
    // Checked before any path is made: a name that is no hash is refused, not thrown.
    if (!SHA256.test(sha256) || !isReadableRange(begin, end) || !this.ledger.listCopies().includes(sha256)) return null;
    try {
      // Null past the end of the copy: no stat first, one system call less on every range.
      return await this.reading.read(sha256, this.file(sha256), begin, end);
    } catch {
      return null; // deleted meanwhile (access withdrawn, sign-out)
    }
  }

  async delete(sha256: string): Promise<void> {
    this.ledger.removeCopy(sha256);
    await this.reading.close(sha256);
    await rm(this.file(sha256), { force: true });
    await rm(this.part(sha256), { force: true });
  }

  /** Closes the copies held open for reading (the app quitting); the copies stay. */
  async closeReaders(): Promise<void> {
    await this.reading.closeAll();
  }

  async clear(): Promise<void> {
    this.generation += 1;
    this.ledger.clearCopies();
    await this.reading.closeAll();
    for (const name of await readdir(this.dir)) await rm(join(this.dir, name), { recursive: true, force: true });
  }

  private file(sha256: string): string {
    // The name comes from the server's list: never let it be a path.
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${JSON.stringify(sha256)}`);
    return join(this.dir, sha256);
  }

  private part(sha256: string): string {
    return this.file(sha256) + PART;
  }
}

async function hashFile(path: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch {
    return null;
  }
  return hash.digest('hex');
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}
