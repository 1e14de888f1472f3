// First page: a 300-page PDF (tens of MB, a picture on every page) opened from the desktop
// core's document cache (files in its data folder, read by `openDocument`) until pdf.js has
// rendered page 1 onto a canvas, against pdf.js rendering page 1 of the same bytes already
// in memory. Also, without a target: page 1 by range requests from the server (a browser tab
// that has not cached the document), against the same memory baseline.
import { createCanvas } from '@napi-rs/canvas';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as PdfJs from 'pdfjs-dist';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api.js';
import { openDesktopCore } from '../../electron/core/desktop-core.js';
import { inProcess } from '../simulator/targets.js';
import { removeDataFolder } from '../support/data-folder.js';
import { mustUpload } from '../support/document-http.js';
import { waitFor } from '../support/server-harness.js';
import { joinMeeting } from '../support/vote-fixtures.js';
import { medianRow, type Row } from './report.js';
import { scannedPdf } from './scanned-pdf.js';

const PAGES = 300;

const require = createRequire(import.meta.url);
const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json'));
const pdfjs = (await import(pathToFileURL(join(pdfjsDir, 'legacy/build/pdf.mjs')).href)) as typeof PdfJs;
const common = {
  standardFontDataUrl: `${join(pdfjsDir, 'standard_fonts')}/`,
  cMapUrl: `${join(pdfjsDir, 'cmaps')}/`,
  cMapPacked: true,
  isEvalSupported: false,
};

/** Opens the document and renders page 1 at its natural size. */
async function renderFirstPage(params: DocumentInitParameters): Promise<void> {
  const task = pdfjs.getDocument({ ...common, ...params });
  try {
    const page = await (await task.promise).getPage(1);
    const viewport = page.getViewport({ scale: 1 });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvas: canvas as never, canvasContext: canvas.getContext('2d') as never, viewport }).promise;
  } finally {
    await task.destroy();
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

export async function firstPageRows(rounds: number): Promise<Row[]> {
  const target = await inProcess();
  const h = target.harness;
  const deviceDir = mkdtempSync(join(tmpdir(), 'cabinet-bench-device-'));
  const core = openDesktopCore({ dataDir: deviceDir });
  try {
    const bytes = await scannedPdf(PAGES);
    const { token } = await h.login('thuky');
    const { meeting, socket } = await joinMeeting(h, 'thuky');
    socket.disconnect();
    const doc = await mustUpload(h.server.url, token, meeting.id, bytes, { title: 'Báo cáo 300 trang' });
    const login = await core.client.login({
      serverUrl: h.server.url,
      username: 'daibieu1',
      password: h.account('daibieu1').password,
    });
    if (!login.ok) throw new Error(`sign-in: ${login.error.code}`);
    // The desktop fetches every paper of a published meeting into its cache by itself.
    await waitFor(
      () => {
        const progress = core.client.getState().documentProgress[doc.meetingId];
        return progress !== undefined && progress.cached >= 1 && !progress.active;
      },
      120_000,
      'the document in the cache',
    );
    const fromCache = async () => {
      const source = await core.client.openDocument(doc.id);
      if (!source.ok || source.data.kind !== 'bytes') throw new Error('the document is not served from the cache');
      await renderFirstPage({ data: source.data.data });
    };
    const url = `${h.server.url}/api/documents/${doc.id}/content`;
    const byRanges = () =>
      renderFirstPage({
        url,
        httpHeaders: { authorization: `Bearer ${token}` },
        rangeChunkSize: 64 * 1024,
        disableAutoFetch: true,
        disableStream: true,
      });
    const cached: number[] = [];
    const ranges: number[] = [];
    const memory: number[] = [];
    for (let r = 0; r < rounds; r++) {
      cached.push(await timed(fromCache));
      ranges.push(await timed(byRanges));
      const data = bytes.slice();
      memory.push(await timed(() => renderFirstPage({ data })));
    }
    const about = `(${PAGES} pages, ${(bytes.length / 1024 / 1024).toFixed(0)} MB)`;
    return [
      medianRow(`first page from the cache ${about}`, 'ms', cached, memory, { ratio: 1.1, better: 'lower' }),
      medianRow(`first page by ranges, not cached ${about}`, 'ms', ranges, memory),
    ];
  } finally {
    core.close();
    removeDataFolder(deviceDir);
    await target.stop();
  }
}
