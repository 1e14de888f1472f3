// The first page of a 300-page PDF opened by range requests from the real server (what a
// browser tab does before the document is cached), against pdf.js opening the same bytes from
// memory (a cached document) and against downloading the whole file first. Node runs pdf.js's
// legacy build; "first page" is page 1 parsed with every resource its drawing needs
// (getOperatorList), rasterising aside. Figures only: timings are never asserted.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  PDFName,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';
import { makeLongPdf } from '../support/pdf-fixtures.js';
import { startHarness } from '../support/server-harness.js';
import { joinMeeting } from '../support/vote-fixtures.js';
import type { DocumentInfo } from '../../shared/protocol/index.js';
import type * as PdfJs from 'pdfjs-dist';

const PAGES = 300;
/** A grey picture of this many pixels on every page (noise: it does not compress), like a scan. */
const IMAGE = { width: 300, height: 280 };
const ROUNDS = 5;

const require = createRequire(import.meta.url);
const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json'));
const pdfjs = (await import(pathToFileURL(join(pdfjsDir, 'legacy/build/pdf.mjs')).href)) as typeof PdfJs;
const common = {
  standardFontDataUrl: `${join(pdfjsDir, 'standard_fonts')}/`,
  cMapUrl: `${join(pdfjsDir, 'cmaps')}/`,
  cMapPacked: true,
  isEvalSupported: false,
};

export interface FirstPage {
  size: number;
  rangesMs: number;
  rangeBytes: number;
  rangeRequests: number;
  memoryMs: number;
  wholeMs: number;
}

async function firstPage(params: Parameters<typeof pdfjs.getDocument>[0]): Promise<number> {
  const t0 = performance.now();
  const task = pdfjs.getDocument(params);
  const doc = await task.promise;
  const page = await doc.getPage(1);
  await page.getOperatorList();
  const ms = performance.now() - t0;
  await task.destroy();
  return ms;
}

/** Every page gets its own picture: the file grows to tens of megabytes, page 1 still needs only its own. */
async function withPictures(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  for (const page of doc.getPages()) {
    const picture = doc.context.register(
      doc.context.stream(randomBytes(IMAGE.width * IMAGE.height), {
        Type: 'XObject',
        Subtype: 'Image',
        Width: IMAGE.width,
        Height: IMAGE.height,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: 8,
      }),
    );
    page.node.setXObject(PDFName.of('Scan'), picture);
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(IMAGE.width, 0, 0, IMAGE.height, 150, 300),
      drawObject('Scan'),
      popGraphicsState(),
    );
  }
  return doc.save({ useObjectStreams: false });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function firstPageByRanges(): Promise<FirstPage> {
  const h = await startHarness();
  const realFetch = globalThis.fetch;
  try {
    const bytes = await withPictures(await makeLongPdf(PAGES));
    const { meeting } = await joinMeeting(h, 'thuky');
    const { token } = await h.login('thuky');
    const form = new FormData();
    form.append('title', 'Báo cáo 300 trang');
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'bao-cao.pdf');
    const res = await realFetch(`${h.server.url}/api/meetings/${meeting.id}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
    const doc = (await res.json()) as DocumentInfo;
    const url = `${h.server.url}/api/documents/${doc.id}/content`;
    const httpHeaders = { authorization: `Bearer ${token}` };

    // Counts what pdf.js asks the server for (it fetches by ranges with the global fetch).
    let rangeBytes = 0;
    let rangeRequests = 0;
    globalThis.fetch = async (input, init) => {
      const answer = await realFetch(input, init);
      // The first request only learns the length and is cancelled: count the ranges (206).
      if (answer.status === 206) {
        rangeRequests += 1;
        rangeBytes += Number(answer.headers.get('content-length') ?? 0);
      }
      return answer;
    };
    const ranges: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      rangeBytes = 0;
      rangeRequests = 0;
      ranges.push(
        await firstPage({
          ...common,
          url,
          httpHeaders,
          rangeChunkSize: 64 * 1024,
          disableAutoFetch: true,
          disableStream: true,
        }),
      );
    }
    globalThis.fetch = realFetch;

    const memory: number[] = [];
    const whole: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      memory.push(await firstPage({ ...common, data: bytes.slice() }));
      const t0 = performance.now();
      const all = new Uint8Array(await (await realFetch(url, { headers: httpHeaders })).arrayBuffer());
      whole.push(performance.now() - t0 + (await firstPage({ ...common, data: all })));
    }
    return {
      size: bytes.length,
      rangesMs: median(ranges),
      rangeBytes,
      rangeRequests,
      memoryMs: median(memory),
      wholeMs: median(whole),
    };
  } finally {
    globalThis.fetch = realFetch;
    await h.cleanup();
  }
}

/** The lines `npm run bench` prints. */
export function firstPageReport(r: FirstPage): string {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return [
    `first page of a ${PAGES}-page PDF (${mb(r.size)}), median of ${ROUNDS}:`,
    `  by ranges from the server    ${r.rangesMs.toFixed(0).padStart(6)} ms  (${r.rangeRequests} ranges, ${(r.rangeBytes / 1024).toFixed(0)} KB of ${mb(r.size)})`,
    `  same bytes from memory       ${r.memoryMs.toFixed(0).padStart(6)} ms  (a cached document)`,
    `  whole file downloaded first  ${r.wholeMs.toFixed(0).padStart(6)} ms  (on this machine's loopback: a LAN is slower)`,
  ].join('\n');
}
