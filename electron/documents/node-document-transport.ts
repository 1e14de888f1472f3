import { request as httpRequest, type IncomingMessage, type ClientRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { DocumentTransport, DownloadResponse, UploadRequest, UploadResponse } from '../../shared/client/index.js';
import type { TlsResolver } from '../tls/server-trust.js';
import { multipartEnvelope } from './multipart.js';

/** Written in slices, so that progress moves as the network takes the bytes. */
const SLICE = 64 * 1024;

/**
 * The desktop's document transport, on Node's http: a download's body streams and a cancel
 * destroys its connection (an aborted fetch left the server's side of it open, so the server
 * could not close); an upload counts the bytes the network has taken (each write's callback),
 * which is real progress.
 */
export class NodeDocumentTransport implements DocumentTransport {
  /**
   * `tls`: options for every https request (the pinned meeting CA, electron/tls/pinning.ts);
   * with them, plain http is refused. Or a resolver asked at each request (the pins per
   * origin, electron/tls/server-trust.ts): its options, plain http on null, or its refusal.
   */
  constructor(private readonly tls?: RequestOptions | TlsResolver) {}

  /** The request function for this URL: https with the pinned options, or plain http when nothing is pinned. */
  private requester(url: URL): (url: URL, options: RequestOptions) => ClientRequest {
    if (typeof this.tls === 'function') {
      const tls = this.tls(url);
      return tls ? (u, o) => httpsRequest(u, { ...o, ...tls }) : (u, o) => httpRequest(u, o);
    }
    const tls = this.tls;
    if (url.protocol === 'https:') return (u, o) => httpsRequest(u, { ...o, ...tls });
    if (this.tls) throw new Error(`Refused: ${url.protocol} with a pinned meeting CA.`);
    return (u, o) => httpRequest(u, o);
  }

  download(request: Parameters<DocumentTransport['download']>[0]): Promise<DownloadResponse> {
    const url = new URL(request.url);
    return new Promise<DownloadResponse>((resolve, reject) => {
      const get = this.requester(url);
      const req = get(url, { method: 'GET', headers: request.headers });
      // Aborting destroys the connection itself, so the server's stream ends with it.
      request.signal?.onAbort(() => req.destroy(new Error('download cancelled')));
      req.on('error', reject);
      req.on('response', (res) => {
        resolve({
          status: res.statusCode ?? 0,
          header: (name) => headerOf(res, name),
          body: res as AsyncIterable<Uint8Array>,
          cancel: async () => {
            res.destroy();
          },
        });
      });
      req.end();
    });
  }

  upload(request: UploadRequest): Promise<UploadResponse> {
    const file = request.file.body;
    // Over IPC the file arrives as its bytes; anything else cannot be read here.
    if (!(file instanceof Uint8Array)) return Promise.reject(new Error('the desktop uploads bytes only'));
    const envelope = multipartEnvelope(request.fields, request.file.name);
    const total = envelope.head.length + file.byteLength + envelope.tail.length;
    const url = new URL(request.url);
    return new Promise<UploadResponse>((resolve, reject) => {
      const send = this.requester(url);
      const req = send(url, {
        method: 'POST',
        headers: { ...request.headers, 'content-type': envelope.contentType, 'content-length': String(total) },
      });
      req.on('error', reject);
      req.on('response', (res) => void readJson(res).then(resolve, reject));
      void writeBody(req, [envelope.head, file, envelope.tail], total, request.onProgress).catch((error: unknown) => {
        req.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }
}

async function writeBody(
  req: ClientRequest,
  parts: readonly Uint8Array[],
  total: number,
  onProgress: (sent: number, total: number) => void,
): Promise<void> {
  let sent = 0;
  for (const part of parts) {
    for (let at = 0; at < part.byteLength; at += SLICE) {
      const slice = part.subarray(at, Math.min(at + SLICE, part.byteLength));
      await new Promise<void>((resolve, reject) => req.write(slice, (error) => (error ? reject(error) : resolve())));
      sent += slice.byteLength;
      onProgress(sent, total);
    }
  }
  req.end();
}

async function readJson(res: IncomingMessage): Promise<UploadResponse> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    body = undefined;
  }
  return { status: res.statusCode ?? 0, body };
}

function headerOf(res: IncomingMessage, name: string): string | null {
  const value = res.headers[name.toLowerCase()];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}
