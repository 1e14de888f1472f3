import { concatBytes, sha256Hex } from './document-download.js';
import { isReadableRange, type DocumentCache } from './document-platform.js';

/**
 * The browser tab's document cache: what it fetched, for as long as the page lives (a
 * reload or sign-out forgets it). Bytes are verified with WebCrypto when a download ends.
 */
export class MemoryDocumentCache implements DocumentCache {
  private readonly copies = new Map<string, Uint8Array>();
  private readonly partial = new Map<string, Uint8Array[]>();

  async list(): Promise<string[]> {
    return [...this.copies.keys()];
  }
  async has(sha256: string): Promise<boolean> {
    return this.copies.has(sha256);
  }
  async listPartial(): Promise<string[]> {
    return [...this.partial.keys()];
  }
  async partialSize(sha256: string): Promise<number> {
    return (this.partial.get(sha256) ?? []).reduce((n, c) => n + c.byteLength, 0);
  }
  async append(sha256: string, chunk: Uint8Array): Promise<void> {
    const chunks = this.partial.get(sha256) ?? [];
    // A copy: the transport may reuse its buffer for the next chunk.
    chunks.push(chunk.slice());
    this.partial.set(sha256, chunks);
  }
  async discardPartial(sha256: string): Promise<void> {
    this.partial.delete(sha256);
  }
  async finish(sha256: string): Promise<boolean> {
    const bytes = concatBytes(this.partial.get(sha256) ?? []);
    this.partial.delete(sha256);
    if ((await sha256Hex(bytes)) !== sha256) return false;
    this.copies.set(sha256, bytes);
    return true;
  }
  async read(sha256: string): Promise<Uint8Array | null> {
    return this.copies.get(sha256) ?? null;
  }
  async size(sha256: string): Promise<number | null> {
    return this.copies.get(sha256)?.byteLength ?? null;
  }
  async readRange(sha256: string, begin: number, end: number): Promise<Uint8Array | null> {
    const bytes = this.copies.get(sha256);
    if (!bytes || !isReadableRange(begin, end) || end > bytes.byteLength) return null;
    // A copy, never a view: pdf.js transfers the chunk's buffer to its worker, which would
    // take the whole cached copy with it.
    return bytes.slice(begin, end);
  }
  async delete(sha256: string): Promise<void> {
    this.copies.delete(sha256);
    this.partial.delete(sha256);
  }
  async clear(): Promise<void> {
    this.copies.clear();
    this.partial.clear();
  }
}
