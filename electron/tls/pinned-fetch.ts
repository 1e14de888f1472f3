import { request } from 'node:https';
import type { HttpFetch, HttpResponse } from '../../shared/client/index.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../../shared/protocol/index.js';
import { PinningError, pinnedTlsOptions, type PinnedTlsOptions } from './pinning.js';
import type { TlsResolver } from './server-trust.js';

/** The largest answer read (the core's JSON answers are small; documents go through the transport). */
const MAX_BODY = 8 * 1024 * 1024;
/** Twice the largest paper the server takes by default, for its annotations and list of notes. */
const MAX_PDF_BODY = 2 * DEFAULT_MAX_DOCUMENT_BYTES;

/**
 * The core's HTTP (sign-in, sign-out, enrolment…) over node:https trusting the pinned
 * meeting CA alone. Node's global fetch (undici) takes no `ca`, hence this. Plain http is
 * refused: with a pinned CA every request goes over TLS.
 */
export function pinnedFetch(caPem: string, options: { timeoutMs?: number } = {}): HttpFetch {
  const tls = pinnedTlsOptions(caPem);
  return trustedFetch((url) => {
    if (url.protocol !== 'https:')
      throw new PinningError('NOT_TLS', `Refused: ${url.protocol} with a pinned meeting CA.`);
    return tls;
  }, options);
}

/**
 * The core's HTTP as the desktop's trust decides for each request (server-trust.ts): over
 * node:https with the pinned CA of the request's origin, over Node's fetch for a plain http
 * server with no pin, refused (the resolver's error) otherwise.
 */
export function trustedFetch(resolve: TlsResolver, options: { timeoutMs?: number } = {}): HttpFetch {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return async (url, init = {}) => {
    const target = new URL(url);
    const tls = resolve(target);
    if (!tls) return globalThis.fetch(url, init);
    return httpsFetch(target, init, tls, timeoutMs);
  };
}

function httpsFetch(
  target: URL,
  init: NonNullable<Parameters<HttpFetch>[1]>,
  tls: PinnedTlsOptions,
  timeoutMs: number,
): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
    const req = request(target, {
      ...tls,
      method: init.method ?? 'GET',
      headers: { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      timeout: timeoutMs,
    });
    req.once('timeout', () => req.destroy(new Error('timed out')));
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      // An exported PDF is as large as the paper it annotates; every other answer is small JSON.
      const limit = res.headers['content-type'] === 'application/pdf' ? MAX_PDF_BODY : MAX_BODY;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) res.destroy(new Error('answer too large'));
        else chunks.push(chunk);
      });
      res.once('error', reject);
      res.once('end', () => {
        const body = Buffer.concat(chunks);
        const text = () => body.toString('utf8');
        const status = res.statusCode ?? 0;
        resolve({
          ok: status >= 200 && status < 300,
          status,
          json: async () => JSON.parse(text()) as unknown,
          text: async () => text(),
          arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
          headers: { get: (name) => headerValue(res.headers[name.toLowerCase()]) },
        });
      });
    });
    req.end(body);
  });
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}
