import type { PDFDataRangeTransport, PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api.js';
import type { ClientApi, DocumentSource } from '../../../shared/client/api.js';
// Types only: a value from shared/protocol here would move the protocol (and zod) into a chunk
// of its own that the page evaluates before zod-config.ts, and zod's `new Function` probe
// would then break the CSP.
import type { Ack, ProtocolError } from '../../../shared/protocol/index.js';

/** What of the client core the transport reads through. */
export type RangeReader = Pick<ClientApi, 'readDocumentRange'>;
export type CachedSource = Extract<DocumentSource, { kind: 'cached' }>;

/**
 * The pdf.js build in use: the app's, or the legacy one Node runs in tests and the bench.
 * getDocument accepts only a PDFDataRangeTransport of its own build.
 */
export interface PdfJsLike {
  getDocument(params: DocumentInitParameters): PDFDocumentLoadingTask;
  PDFDataRangeTransport: typeof PDFDataRangeTransport;
}

/** What the reader uses of pdf.js's loading task: the document, and a way to stop loading it. */
export interface LoadingTask {
  readonly promise: Promise<PDFDocumentProxy>;
  destroy(): Promise<void>;
}

/** The client core refused a range (the reader says why), or could not be asked (null). */
export class RangeRefusedError extends Error {
  constructor(readonly error: ProtocolError | null) {
    super(`range refused: ${error?.code ?? 'no answer'}`);
    this.name = 'RangeRefusedError';
  }
}

/** pdf.js's own chunk: a first page needs a few of these, not the whole file. */
export const RANGE_CHUNK_SIZE = 64 * 1024;

/**
 * Read at once, before pdf.js asks: it always starts with the header, then the trailer and
 * (in most files) the cross-reference table at the end, then the first objects. Asked for
 * together, these cost one round trip to the core instead of four in a row.
 */
export const HEAD_BYTES = 128 * 1024;
export const TAIL_BYTES = 256 * 1024;

/** Ranges only as pdf.js needs them (`disableAutoFetch` + `disableStream`): page 1 before the rest. */
export const BY_RANGES = { rangeChunkSize: RANGE_CHUNK_SIZE, disableAutoFetch: true, disableStream: true } as const;

/**
 * Opens a paper the device holds by ranges, each read from the cache through the client core
 * (over IPC on the desktop) only when pdf.js needs it: page 1 of a 300-page paper reads a few
 * chunks, not the whole file, and no copy of the whole file crosses into the page.
 * pdf.js has no way to be told that a range failed: it would wait for it forever, and even
 * destroying its task leaves the task's promise pending. A refused range (the paper
 * withdrawn, recalled, signed out of) rejects the promise here and ends the task.
 */
export function loadCachedDocument(
  pdfjs: PdfJsLike,
  source: CachedSource,
  reader: RangeReader,
  params: DocumentInitParameters,
): LoadingTask {
  let refuse: (reason: RangeRefusedError) => void = () => undefined;
  const refused = new Promise<never>((_, reject) => (refuse = reject));
  // Once the document is open a refusal has no listener left; it still ends the task.
  refused.catch(() => undefined);
  let task: PDFDocumentLoadingTask | null = null;
  const range = cachedRangeTransport(pdfjs.PDFDataRangeTransport, source, reader, (error) => {
    refuse(new RangeRefusedError(error));
    void task?.destroy();
  });
  task = pdfjs.getDocument({ ...params, ...BY_RANGES, range });
  const loading = task;
  return { promise: Promise.race([loading.promise, refused]), destroy: () => loading.destroy() };
}

function cachedRangeTransport(
  Base: typeof PDFDataRangeTransport,
  source: CachedSource,
  reader: RangeReader,
  failed: (error: ProtocolError | null) => void,
): PDFDataRangeTransport {
  const read = (begin: number, end: number) => reader.readDocumentRange(source.sha256, begin, end);
  class CachedRangeTransport extends Base {
    private stopped = false;
    private ahead: ReadAhead[] = readAhead(source.length, read);

    override requestDataRange(begin: number, end: number): void {
      const block = this.ahead.find((b) => b.begin <= begin && end <= b.end);
      // All of the block from there: pdf.js keeps the chunks it was not asking for yet, and
      // each range it misses costs a step parsed again once the range arrives.
      const answer = block ? sliceOf(block, begin, block.end) : read(begin, end);
      answer.then(
        (reply) => {
          if (this.stopped) return;
          if (reply.ok) this.deliver(begin, reply.data);
          else failed(reply.error);
        },
        () => {
          // The core did not answer (the desktop's main process gone): nothing more comes.
          if (!this.stopped) failed(null);
        },
      );
    }

    override abort(): void {
      this.stopped = true;
      this.ahead = [];
    }

    private deliver(begin: number, chunk: Uint8Array): void {
      try {
        this.onDataRange(begin, chunk);
      } catch {
        // pdf.js no longer waits for this range (its request was cancelled meanwhile).
      }
    }
  }
  return new CachedRangeTransport(source.length, null);
}

interface ReadAhead {
  begin: number;
  end: number;
  bytes: Promise<Ack<Uint8Array>>;
}

/** The head and the tail of the file, both asked for now; the whole of a small file. */
function readAhead(length: number, read: (begin: number, end: number) => Promise<Ack<Uint8Array>>): ReadAhead[] {
  const block = (begin: number, end: number): ReadAhead => {
    const bytes = read(begin, end);
    // A refusal is acted on when pdf.js asks for a range of the block, not before.
    bytes.catch(() => undefined);
    return { begin, end, bytes };
  };
  if (length <= HEAD_BYTES + TAIL_BYTES) return [block(0, length)];
  // On chunk boundaries: pdf.js asks for whole chunks, which then fall inside a block, and
  // takes more than it asked for only up to a chunk's end (or the file's).
  const tail = Math.floor((length - TAIL_BYTES) / RANGE_CHUNK_SIZE) * RANGE_CHUNK_SIZE;
  return [block(0, HEAD_BYTES), block(tail, length)];
}

/** A copy of part of a block: pdf.js transfers each chunk's buffer to its worker. */
async function sliceOf(block: ReadAhead, begin: number, end: number): Promise<Ack<Uint8Array>> {
  const answer = await block.bytes;
  return answer.ok ? { ok: true, data: answer.data.slice(begin - block.begin, end - block.begin) } : answer;
}
