import type { UploadFile } from './api.js';

/**
 * What the client core needs of its platform to move and keep documents' bytes. Injected,
 * like the store: the browser tab (memory cache, XHR and fetch) and the desktop (files in the
 * app's cache folder, Node's http) each have a small adapter chosen where the core is built.
 * Declared here without DOM or Node types: shared/ compiles with neither.
 */
export interface DocumentPlatform {
  transport: DocumentTransport;
  cache: DocumentCache;
  /**
   * How the reader opens a document not cached yet: `download` it first (the desktop, which
   * keeps it), or hand pdf.js a `url` to load by ranges (a browser tab: page 1 comes first).
   */
  openUncached: 'download' | 'url';
  /** Fetch every visible document of a published or closed meeting ahead of reading. */
  prefetch: boolean;
}

export interface DownloadRequest {
  url: string;
  headers: Record<string, string>;
  /** Aborts the request and its body (the document left the list meanwhile). */
  signal?: AbortSignalLike;
}

export interface DownloadResponse {
  status: number;
  /** A response header by its lower-case name, or null. */
  header(name: string): string | null;
  /** The body in chunks as they arrive; throws if the link is cut. */
  body: AsyncIterable<Uint8Array>;
  /** Drops the rest of the body (answers we do not read: 4xx, a restart). */
  cancel(): Promise<void>;
}

export interface UploadRequest {
  url: string;
  headers: Record<string, string>;
  /** The form fields, in order; the file part is sent after them, last, as the server asks. */
  fields: ReadonlyArray<readonly [string, string]>;
  file: UploadFile;
  /** Bytes of the whole request body sent so far, of its total. */
  onProgress(sent: number, total: number): void;
}

export interface UploadResponse {
  status: number;
  /** The parsed JSON answer; undefined when it was not JSON. */
  body: unknown;
}

export interface DocumentTransport {
  /** Rejects only when no answer came (the link is down or cut); an HTTP error is an answer. */
  upload(request: UploadRequest): Promise<UploadResponse>;
  download(request: DownloadRequest): Promise<DownloadResponse>;
}

/**
 * The device's copies of documents, by the SHA-256 of their bytes: one copy serves every
 * document (and version) with the same bytes. A download goes to a partial copy first; only
 * `finish`, once the whole hash is checked, makes it a copy that `read` returns.
 */
export interface DocumentCache {
  /** The SHA-256s of the complete, verified copies held. */
  list(): Promise<string[]>;
  has(sha256: string): Promise<boolean>;
  /** The SHA-256s of the partial copies held (downloads to resume, or to delete). */
  listPartial(): Promise<string[]>;
  /** Bytes of the partial copy so far (0 when there is none): a download resumes from there. */
  partialSize(sha256: string): Promise<number>;
  append(sha256: string, chunk: Uint8Array): Promise<void>;
  discardPartial(sha256: string): Promise<void>;
  /**
   * Checks the partial copy's hash; on a match it becomes the copy, on a mismatch it is
   * deleted. Either way no partial copy is left.
   */
  finish(sha256: string): Promise<boolean>;
  read(sha256: string): Promise<Uint8Array | null>;
  /** Bytes of the complete copy, or null when none is held. */
  size(sha256: string): Promise<number | null>;
  /**
   * Bytes `begin` (included) to `end` (excluded) of the complete copy, in a buffer of their
   * own (pdf.js hands it to its worker): the reader asks for the ranges a page needs, never
   * the whole file. Null when no copy is held or the range is not one `isReadableRange`
   * accepts within the copy's size.
   */
  readRange(sha256: string, begin: number, end: number): Promise<Uint8Array | null>;
  /** Deletes the copy and any partial one. */
  delete(sha256: string): Promise<void>;
  /** Deletes everything (sign-out, another person on this device). */
  clear(): Promise<void>;
}

/**
 * The most one range read returns: pdf.js asks for 64 KiB at a time; more is a caller that
 * means to read the whole file through a keyhole, and every read is held in memory at once.
 */
export const MAX_RANGE_BYTES = 16 * 1024 * 1024;

/** A range a cache may serve, before its size is known: whole numbers, not empty, not too long. */
export function isReadableRange(begin: number, end: number): boolean {
  return (
    Number.isSafeInteger(begin) &&
    Number.isSafeInteger(end) &&
    begin >= 0 &&
    begin < end &&
    end - begin <= MAX_RANGE_BYTES
  );
}

/**
 * A download's cancel switch (shared/ has no AbortController type): the core stops reading at
 * the next chunk; an adapter may also abort its request through `onAbort`.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  onAbort(listener: () => void): void;
}

export class CancelSwitch implements AbortSignalLike {
  private listeners: Array<() => void> = [];
  aborted = false;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    for (const listener of this.listeners.splice(0)) listener();
  }

  onAbort(listener: () => void): void {
    if (this.aborted) listener();
    else this.listeners.push(listener);
  }
}

/** The `Authorization` header of the session's HTTP requests. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
