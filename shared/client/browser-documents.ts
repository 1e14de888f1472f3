import type { DocumentCache, DocumentPlatform, DocumentTransport, DownloadResponse } from './document-platform.js';
import { MemoryDocumentCache } from './memory-document-cache.js';

/**
 * The browser's documents: XHR for uploads (the only browser API that reports upload
 * progress), fetch for downloads (its body streams), and the cache it is given (IndexedDB,
 * which outlives the page; memory where the browser refuses IndexedDB). shared/ compiles
 * without DOM types, so the few members used are declared below and the constructors are
 * taken from globalThis when the tab builds its client.
 */
export function browserDocumentPlatform(cache: DocumentCache = new MemoryDocumentCache()): DocumentPlatform {
  return {
    transport: new BrowserDocumentTransport(),
    cache,
    // Not fetched yet: pdf.js loads it by ranges, page 1 first.
    openUncached: 'url',
    prefetch: true,
  };
}

interface ProgressEventLike {
  loaded: number;
  total: number;
}
interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: unknown): void;
  upload: { onprogress: ((event: ProgressEventLike) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
  ontimeout: (() => void) | null;
  status: number;
  responseText: string;
}
interface FormDataLike {
  append(name: string, value: unknown, fileName?: string): void;
}
interface ReaderLike {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(): Promise<void>;
}
interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  body: { getReader(): ReaderLike; cancel(): Promise<void> } | null;
}
interface AbortControllerLike {
  signal: unknown;
  abort(): void;
}
interface BrowserGlobals {
  XMLHttpRequest: new () => XhrLike;
  FormData: new () => FormDataLike;
  Blob: new (parts: unknown[], options: { type: string }) => unknown;
  AbortController: new () => AbortControllerLike;
  fetch(url: string, init: { headers: Record<string, string>; signal: unknown }): Promise<FetchResponseLike>;
}

const web = () => globalThis as unknown as BrowserGlobals;

export class BrowserDocumentTransport implements DocumentTransport {
  upload: DocumentTransport['upload'] = (request) =>
    new Promise((resolve, reject) => {
      const { XMLHttpRequest, FormData, Blob } = web();
      const form = new FormData();
      for (const [name, value] of request.fields) form.append(name, value);
      // A picked File is sent as it is (the browser streams it); bytes are wrapped.
      const body =
        request.file.body instanceof Uint8Array
          ? new Blob([request.file.body], { type: 'application/pdf' })
          : request.file.body;
      form.append('file', body, request.file.name);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', request.url);
      for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (event) => request.onProgress(event.loaded, event.total);
      xhr.onload = () => resolve({ status: xhr.status, body: parseJson(xhr.responseText) });
      xhr.onerror = xhr.onabort = xhr.ontimeout = () => reject(new Error('upload cut'));
      xhr.send(form);
    });

  async download(request: Parameters<DocumentTransport['download']>[0]): Promise<DownloadResponse> {
    const controller = new (web().AbortController)();
    request.signal?.onAbort(() => controller.abort());
    const response = await web().fetch(request.url, { headers: request.headers, signal: controller.signal });
    const reader = response.body?.getReader() ?? null;
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      body: chunksOf(reader),
      cancel: async () => {
        await reader?.cancel().catch(() => undefined);
      },
    };
  }
}

async function* chunksOf(reader: ReaderLike | null): AsyncIterable<Uint8Array> {
  if (!reader) return;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    if (value) yield value;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
