// First page: a 300-page PDF (tens of MB, a picture on every page) opened from the desktop
// core's document cache the way the reader does it (`openDocument` answers `cached`, then
// pdf.js reads the ranges it needs through `readDocumentRange`, from the files in the core's
// data folder) until page 1 is rendered onto a canvas, against pdf.js rendering page 1 of
// the same bytes already in memory. Also, without a target: page 1 by range requests from
// the server (a browser tab that has not cached the document), against the same baseline.
import { createCanvas } from '@napi-rs/canvas';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDesktopCore } from '../../electron/core/desktop-core.js';
import { BY_RANGES, loadCachedDocument, type LoadingTask } from '../../renderer/src/reader/cached-range-transport.js';
import { inProcess } from '../simulator/targets.js';
import { removeDataFolder } from '../support/data-folder.js';
import { mustUpload } from '../support/document-http.js';
import { pdfjs, pdfjsParams } from '../support/pdfjs-node.js';
import { waitFor } from '../support/server-harness.js';
import { joinMeeting } from '../support/vote-fixtures.js';
import { medianRow, type Row } from './report.js';
import { scannedPdf } from './scanned-pdf.js';

const PAGES = 300;
const SAMPLES_PER_ROUND = 5;

/** Renders page 1 of the document the task opens, at its natural size. */
async function renderFirstPage(task: LoadingTask): Promise<void> {
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
    // What the reader does (renderer/src/reader/pdfjs.ts): the same transport and chunk size.
    const fromCache = async () => {
      const source = await core.client.openDocument(doc.id);
      if (!source.ok || source.data.kind !== 'cached') throw new Error('the document is not served from the cache');
      await renderFirstPage(loadCachedDocument(pdfjs, source.data, core.client, pdfjsParams));
    };
    const url = `${h.server.url}/api/documents/${doc.id}/content`;
    const byRanges = () =>
      renderFirstPage(
        pdfjs.getDocument({ ...pdfjsParams, ...BY_RANGES, url, httpHeaders: { authorization: `Bearer ${token}` } }),
      );
    const cached: number[] = [];
    const ranges: number[] = [];
    const memory: number[] = [];
    const paths = [
      { times: cached, prepare: () => fromCache },
      { times: ranges, prepare: () => byRanges },
      // The copy is made before the clock starts: pdf.js takes the buffer to its worker.
      {
        times: memory,
        prepare: () => {
          const data = bytes.slice();
          return () => renderFirstPage(pdfjs.getDocument({ ...pdfjsParams, data }));
        },
      },
    ];
    // Not counted: pdf.js loads its worker module the first time it opens anything (over a
    // second here), which would land on whichever path runs first.
    for (const path of paths) await path.prepare()();
    // Each path several times a round (a sample of 30 ms on a shared machine is noisy), in
    // turns whose order changes: the garbage one leaves (tens of MB) is collected during
    // another, never always the same one. (Collecting it before each sample on purpose made
    // every path slower, pdf.js from memory most: not what a reader meets.)
    for (let turn = 0; turn < rounds * SAMPLES_PER_ROUND; turn++) {
      for (let i = 0; i < paths.length; i++) {
        const path = paths[(turn + i) % paths.length];
        const work = path?.prepare();
        if (path && work) path.times.push(await timed(work));
      }
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
