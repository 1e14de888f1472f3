import { open, type FileHandle } from 'node:fs/promises';

/** A reader turning pages asks again within seconds; a copy left alone longer is closed. */
const IDLE_MS = 10_000;

interface OpenCopy {
  handle: Promise<FileHandle>;
  /** Reads in flight: the copy is not closed for being idle under them. */
  reading: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * The copies being read by ranges, each opened once: a range is then one read through
 * Node's thread pool, not an open, a read and a close. On a loaded tablet each of those
 * trips waits its turn for the CPU, and pdf.js waits for each range before it goes on.
 */
export class OpenCopies {
  private readonly copies = new Map<string, OpenCopy>();

  /** Bytes `begin` to `end` of the file, or null when it ends before `end`; throws if unreadable. */
  async read(key: string, path: string, begin: number, end: number): Promise<Uint8Array | null> {
    const copy = this.take(key, path);
    copy.reading += 1;
    try {
      const handle = await copy.handle;
      // Its own buffer (not Node's shared pool): pdf.js transfers it to its worker.
      const bytes = new Uint8Array(end - begin);
      for (let filled = 0; filled < bytes.byteLength;) {
        const { bytesRead } = await handle.read(bytes, filled, bytes.byteLength - filled, begin + filled);
        if (bytesRead === 0) return null;
        filled += bytesRead;
      }
      return bytes;
    } finally {
      copy.reading -= 1;
      this.idle(key, copy);
    }
  }

  /** Closes the file (before it is deleted); a read in flight on it fails. */
  async close(key: string): Promise<void> {
    const copy = this.copies.get(key);
    if (!copy) return;
    this.copies.delete(key);
    if (copy.timer) clearTimeout(copy.timer);
    const handle = await copy.handle.catch(() => null);
    await handle?.close().catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.copies.keys()].map((key) => this.close(key)));
  }

  private take(key: string, path: string): OpenCopy {
    let copy = this.copies.get(key);
    if (!copy) {
      const opened: OpenCopy = { handle: open(path, 'r'), reading: 0, timer: null };
      // A file that would not open is not kept: the next range tries again.
      opened.handle.catch(() => {
        if (this.copies.get(key) === opened) this.copies.delete(key);
      });
      this.copies.set(key, opened);
      copy = opened;
    }
    if (copy.timer) clearTimeout(copy.timer);
    copy.timer = null;
    return copy;
  }

  private idle(key: string, copy: OpenCopy): void {
    if (copy.reading > 0 || this.copies.get(key) !== copy) return;
    copy.timer = setTimeout(() => void this.close(key), IDLE_MS);
    // An open copy never keeps the app from quitting.
    copy.timer.unref();
  }
}
