import { bearer, type AbortSignalLike, type DocumentCache, type DocumentTransport } from './document-platform.js';

/**
 * `verified`: the copy is complete and its hash checked. `mismatch`: the bytes were not the
 * document's (nothing kept). `gone`: the server no longer serves it to this user (404/403).
 * `failed`: cut or refused for now; what arrived is kept and the next try resumes from there.
 */
export type DownloadOutcome = 'verified' | 'mismatch' | 'gone' | 'failed' | 'cancelled';

export interface DownloadJob {
  transport: DocumentTransport;
  cache: DocumentCache;
  /** `GET /api/documents/{id}/content` of the server signed in to. */
  url: string;
  token: string;
  sha256: string;
  size: number;
  signal?: AbortSignalLike;
  /** Bytes held of this document so far, as they arrive. */
  onBytes?(held: number): void;
}

/**
 * Brings one document's bytes into the cache, resuming a partial copy with `Range`. The
 * partial copy is named by the SHA-256 the list gave, and the server's ETag is that same hash:
 * `If-Range` with it makes the server send the whole body again (200) if the bytes it holds
 * under this URL are not those any more, and we then start over rather than splice two files.
 */
export async function downloadToCache(job: DownloadJob): Promise<DownloadOutcome> {
  const { cache, sha256, size } = job;
  if (await cache.has(sha256)) return 'verified';
  let held = await cache.partialSize(sha256);
  if (held > size) {
    await cache.discardPartial(sha256);
    held = 0;
  }
  if (held === size) return (await cache.finish(sha256)) ? 'verified' : 'mismatch';
  const headers = bearer(job.token);
  if (held > 0) {
    headers['range'] = `bytes=${held}-`;
    headers['if-range'] = `"${sha256}"`;
  }
  let response;
  try {
    response = await job.transport.download({ url: job.url, headers, ...(job.signal ? { signal: job.signal } : {}) });
  } catch {
    return job.signal?.aborted ? 'cancelled' : 'failed';
  }
  if (response.status === 404 || response.status === 403) {
    await response.cancel();
    return 'gone';
  }
  if (response.status === 206) {
    if (contentRangeStart(response.header('content-range')) !== held) {
      // Not the range we asked for: trust nothing held and start over next time.
      await response.cancel();
      await cache.discardPartial(sha256);
      return 'failed';
    }
  } else if (response.status === 200) {
    if (held > 0) await cache.discardPartial(sha256); // the whole body again: If-Range did not match
    held = 0;
  } else {
    await response.cancel();
    // 416: what we hold is not a prefix of the document; anything else: try again later.
    if (response.status === 416) await cache.discardPartial(sha256);
    return 'failed';
  }
  try {
    for await (const chunk of response.body) {
      if (job.signal?.aborted) {
        await response.cancel();
        return 'cancelled';
      }
      if (held + chunk.byteLength > size) {
        // More bytes than the document has: not the document. Nothing of it is kept.
        await response.cancel();
        await cache.discardPartial(sha256);
        return 'mismatch';
      }
      await cache.append(sha256, chunk);
      held += chunk.byteLength;
      job.onBytes?.(held);
    }
  } catch {
    return job.signal?.aborted ? 'cancelled' : 'failed';
  }
  if (job.signal?.aborted) return 'cancelled';
  if (held < size) return 'failed'; // cut short: resumed from here next time
  return (await cache.finish(sha256)) ? 'verified' : 'mismatch';
}

/** The first byte a `Content-Range: bytes a-b/n` answer carries, or null. */
export function contentRangeStart(header: string | null): number | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header?.trim() ?? '');
  return match ? Number(match[1]) : null;
}

/** A whole body in memory: an earlier version, read once and not kept. */
export async function fetchWhole(
  transport: DocumentTransport,
  url: string,
  token: string,
): Promise<{ status: number; bytes: Uint8Array | null }> {
  const response = await transport.download({ url, headers: bearer(token) });
  if (response.status !== 200) {
    await response.cancel();
    return { status: response.status, bytes: null };
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of response.body) chunks.push(chunk);
  return { status: 200, bytes: concatBytes(chunks) };
}

export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Lower-case hex SHA-256 with WebCrypto, which browsers and Node 20 both have. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = (globalThis as unknown as { crypto: { subtle: SubtleDigest } }).crypto.subtle;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

interface SubtleDigest {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}
