import { describe, expect, it } from 'vitest';
import { contentRangeStart, downloadToCache, sha256Hex } from './document-download.js';
import type { DocumentTransport, DownloadRequest, DownloadResponse } from './document-platform.js';
import { MemoryDocumentCache } from './memory-document-cache.js';

const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);

/** A server in a function: answers each request with the status and body given for it. */
function scripted(answers: Array<(req: DownloadRequest) => { status: number; body?: Uint8Array; range?: string }>) {
  const requests: DownloadRequest[] = [];
  const transport: DocumentTransport = {
    upload: () => Promise.reject(new Error('no uploads here')),
    async download(req): Promise<DownloadResponse> {
      requests.push(req);
      const answer = answers.shift()?.(req) ?? { status: 500 };
      const body = answer.body ?? new Uint8Array();
      return {
        status: answer.status,
        header: (name) => (name === 'content-range' ? (answer.range ?? null) : null),
        body: (async function* () {
          for (let at = 0; at < body.length; at += 128) yield body.subarray(at, at + 128);
        })(),
        cancel: async () => undefined,
      };
    },
  };
  return { transport, requests };
}

async function job(transport: DocumentTransport, cache: MemoryDocumentCache) {
  return downloadToCache({ transport, cache, url: 'u', token: 't', sha256: await sha256Hex(bytes), size: 1000 });
}

describe('downloadToCache', () => {
  it('resumes a partial copy with Range and If-Range and verifies the whole', async () => {
    const cache = new MemoryDocumentCache();
    const sha = await sha256Hex(bytes);
    await cache.append(sha, bytes.subarray(0, 300));
    const { transport, requests } = scripted([
      () => ({ status: 206, body: bytes.subarray(300), range: 'bytes 300-999/1000' }),
    ]);
    expect(await job(transport, cache)).toBe('verified');
    expect(requests[0]?.headers).toMatchObject({
      authorization: 'Bearer t',
      range: 'bytes=300-',
      'if-range': `"${sha}"`,
    });
    expect(await cache.read(sha)).toEqual(bytes);
  });

  it('starts over when the server sends the whole body (If-Range did not match)', async () => {
    const cache = new MemoryDocumentCache();
    const sha = await sha256Hex(bytes);
    await cache.append(sha, new Uint8Array(300).fill(7));
    const { transport } = scripted([() => ({ status: 200, body: bytes })]);
    expect(await job(transport, cache)).toBe('verified');
    expect(await cache.read(sha)).toEqual(bytes);
  });

  it('keeps what arrived of a cut body, and drops a range that starts elsewhere', async () => {
    const cache = new MemoryDocumentCache();
    const sha = await sha256Hex(bytes);
    const cutShort = scripted([() => ({ status: 200, body: bytes.subarray(0, 500) })]);
    expect(await job(cutShort.transport, cache)).toBe('failed');
    expect(await cache.partialSize(sha)).toBe(500);
    const wrongRange = scripted([() => ({ status: 206, body: bytes.subarray(0, 10), range: 'bytes 0-9/1000' })]);
    expect(await job(wrongRange.transport, cache)).toBe('failed');
    expect(await cache.partialSize(sha)).toBe(0);
  });

  it('never keeps bytes that do not hash to the document, nor more bytes than it has', async () => {
    const cache = new MemoryDocumentCache();
    const sha = await sha256Hex(bytes);
    const damaged = Uint8Array.from(bytes);
    damaged[500] = 0;
    expect(await job(scripted([() => ({ status: 200, body: damaged })]).transport, cache)).toBe('mismatch');
    const longer = new Uint8Array(1200);
    expect(await job(scripted([() => ({ status: 200, body: longer })]).transport, cache)).toBe('mismatch');
    expect(await cache.list()).toEqual([]);
    expect(await cache.partialSize(sha)).toBe(0);
  });

  it('reports a document the server no longer serves as gone, and a 416 drops the partial copy', async () => {
    const cache = new MemoryDocumentCache();
    const sha = await sha256Hex(bytes);
    expect(await job(scripted([() => ({ status: 404 })]).transport, cache)).toBe('gone');
    await cache.append(sha, bytes.subarray(0, 10));
    expect(await job(scripted([() => ({ status: 416 })]).transport, cache)).toBe('failed');
    expect(await cache.partialSize(sha)).toBe(0);
  });

  it('reads Content-Range', () => {
    expect(contentRangeStart('bytes 300-999/1000')).toBe(300);
    expect(contentRangeStart('bytes */1000')).toBeNull();
    expect(contentRangeStart(null)).toBeNull();
  });
});
