import { createCanvas } from '@napi-rs/canvas';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type * as PdfJs from 'pdfjs-dist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileDocumentCache } from '../../electron/documents/file-document-cache.js';
import type { DocumentSync } from '../../shared/client/document-sync.js';
import type { DocumentTransport } from '../../shared/client/index.js';
import {
  loadCachedDocument,
  RangeRefusedError,
  type CachedSource,
  type RangeReader,
} from '../../renderer/src/reader/cached-range-transport.js';
import { scannedPdf } from '../bench/scanned-pdf.js';
import { documentInfo, documentSyncRig, MemoryLedger, RIG_MEETING_ID } from '../support/document-sync-rig.js';
import { pdfjs, pdfjsParams } from '../support/pdfjs-node.js';
import { DesktopRig } from './desktop-harness.js';

/**
 * The reader's path for a paper the tablet holds, with real pdf.js (the legacy build Node
 * runs) and real files: the client core answers `cached`, and pdf.js reads only the ranges a
 * page needs from FileDocumentCache, through the core's permission checks.
 */
/** A scan-like paper (a picture of noise on every page): 60 pages, about 5 MB. */
const PAGES = 60;
const rig = new DesktopRig();
afterAll(() => rig.cleanup());

let pdf: Uint8Array;
let sha256: string;
beforeAll(async () => {
  pdf = await scannedPdf(PAGES);
  sha256 = createHash('sha256').update(pdf).digest('hex');
});

const noTransport: DocumentTransport = {
  upload: () => Promise.reject(new Error('not in this test')),
  download: () => Promise.reject(new Error('not in this test')),
};

/** A desktop's documents over a real cache folder that holds the paper, listed for the user. */
async function tablet() {
  const cache = new FileDocumentCache(join(rig.tempDir('cached-reader'), 'documents'), new MemoryLedger());
  await cache.append(sha256, pdf);
  expect(await cache.finish(sha256)).toBe(true);
  const document = documentInfo({
    id: '0190f000-0000-7000-8000-0000000000a2',
    title: 'Báo cáo 60 trang',
    sha256,
    size: pdf.length,
    pages: PAGES,
  });
  const { sync, signOut } = await documentSyncRig({
    transport: noTransport,
    cache,
    openUncached: 'download',
    prefetch: false,
  });
  sync.onChanged({ meetingId: RIG_MEETING_ID, upserted: [document], removed: [] });
  const reads: Array<[number, number]> = [];
  const reader: RangeReader = {
    readDocumentRange: (sha, begin, end) => {
      reads.push([begin, end]);
      return sync.readRange(sha, begin, end);
    },
  };
  return { sync, document, reader, reads, signOut };
}

async function openCached(sync: DocumentSync, documentId: string): Promise<CachedSource> {
  const opened = await sync.open(documentId);
  if (!opened.ok || opened.data.kind !== 'cached') throw new Error(`not cached: ${JSON.stringify(opened)}`);
  return opened.data;
}

const pageText = async (doc: PdfJs.PDFDocumentProxy, n: number) =>
  (await (await doc.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');

describe('pdf.js reads a cached paper by ranges', () => {
  it('renders page 1 of a 60-page, 5 MB paper from a fraction of the file, and reads any page right', async () => {
    const { sync, document, reader, reads } = await tablet();
    const source = await openCached(sync, document.id);
    expect(source).toEqual({ kind: 'cached', sha256, length: pdf.length });
    const task = loadCachedDocument(pdfjs, source, reader, pdfjsParams);
    try {
      const doc = await task.promise;
      expect(doc.numPages).toBe(PAGES);
      const page = await doc.getPage(1);
      const viewport = page.getViewport({ scale: 1 });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      await page.render({ canvas: canvas as never, canvasContext: canvas.getContext('2d') as never, viewport }).promise;
      expect(await pageText(doc, 1)).toMatch(/^Trang 1(?!\d)/);
      const forPageOne = reads.reduce((n, [b, e]) => n + e - b, 0);
      expect(forPageOne).toBeLessThan(pdf.length / 5);
      // Every range pdf.js asked for is one of its 64 KiB chunks (or the file's tail).
      for (const [b, e] of reads) {
        expect(b % (64 * 1024)).toBe(0);
        expect(e === pdf.length || e - b <= 64 * 1024 * 8).toBe(true);
      }
      expect(await pageText(doc, PAGES)).toContain(`Trang ${PAGES}: điều khoản thi hành cuối cùng`);
      expect(await pageText(doc, 30)).toMatch(/^Trang 30(?!\d)/);
    } finally {
      await task.destroy();
    }
  });

  it('a range refused once signed out ends the loading: pdf.js does not wait forever', async () => {
    const { sync, document, reader, signOut } = await tablet();
    const source = await openCached(sync, document.id);
    signOut();
    const task = loadCachedDocument(pdfjs, source, reader, pdfjsParams);
    const refusal = await task.promise.then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(RangeRefusedError);
    expect((refusal as RangeRefusedError).error?.code).toBe('UNAUTHENTICATED');
    expect(await sync.readRange(sha256, 0, 1024)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('a paper withdrawn while open stops being readable: no page not read yet comes from it', async () => {
    const { sync, document, reader, reads } = await tablet();
    const task = loadCachedDocument(pdfjs, await openCached(sync, document.id), reader, pdfjsParams);
    const doc = await task.promise;
    await doc.getPage(1);
    const before = reads.length;
    sync.onChanged({ meetingId: document.meetingId, upserted: [], removed: [{ id: document.id, reason: 'access' }] });
    // pdf.js has no error for a range that never comes: the page fails or stays unread. A
    // middle page: the head and the tail were read ahead, while it was still allowed.
    const middle = await Promise.race([
      pageText(doc, PAGES / 2).then(
        () => 'read',
        () => 'failed',
      ),
      new Promise((resolve) => setTimeout(() => resolve('not read'), 2_000)),
    ]);
    expect(middle).not.toBe('read');
    // Refused once for each range pdf.js wanted at that moment, then the task ended: no more asking.
    const refusedReads = reads.length - before;
    expect(refusedReads).toBeGreaterThan(0);
    expect(refusedReads).toBeLessThanOrEqual(4);
    expect(await sync.readRange(sha256, 0, 1024)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // The refusal already ended the task. Not awaited: pdf.js 5.4's destroy never settles
    // while a range is outstanding (its own URL loading does the same).
    void task.destroy();
  });
});
