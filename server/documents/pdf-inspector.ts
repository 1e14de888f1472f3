import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface PdfInspection {
  pages: number;
  /** The text of each page, in order (empty for a page without a text layer). */
  texts: string[];
}

export class NotAPdf extends Error {}

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));

/**
 * pdf.js (the legacy build, which runs on Node 20) opens the file in a worker thread: text
 * extraction of a long document takes seconds of CPU, which would otherwise stall every
 * ballot and page turn of the room, and a hostile PDF that exhausts memory kills the worker,
 * not the server. The worker is plain JavaScript given as source, so that it runs the same
 * from the TypeScript sources (tests) and the build.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFile } = require('node:fs/promises');
(async () => {
  const pdfjs = await import(workerData.pdfjsUrl);
  const data = new Uint8Array(await readFile(workerData.path));
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
    standardFontDataUrl: workerData.fonts,
    cMapUrl: workerData.cmaps,
    cMapPacked: true,
  });
  const doc = await task.promise;
  const texts = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    texts.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\\n' : '') : '')).join(''));
    page.cleanup();
  }
  await doc.destroy();
  parentPort.postMessage({ ok: true, pages: texts.length, texts });
})().catch((e) => parentPort.postMessage({ ok: false, error: String((e && e.message) || e) }));
`;

/** How long one file may take; a PDF built to keep pdf.js busy is refused after it. */
const INSPECTION_TIMEOUT_MS = 60_000;

/**
 * Checks the bytes themselves, not the name or the announced type: a PDF header at the start,
 * an end-of-file marker at the end (a file cut short has none, even where pdf.js could
 * reconstruct part of it), and pdf.js must open every page and read its text.
 */
export async function inspectPdf(path: string): Promise<PdfInspection> {
  await checkFrame(path);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      path,
      pdfjsUrl: pathToFileURL(join(PDFJS_DIR, 'legacy/build/pdf.mjs')).href,
      fonts: join(PDFJS_DIR, 'standard_fonts/'),
      cmaps: join(PDFJS_DIR, 'cmaps/'),
    },
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  try {
    const answer = await new Promise<{ ok: boolean; pages?: number; texts?: string[]; error?: string }>(
      (resolve, reject) => {
        const timer = setTimeout(() => reject(new NotAPdf('took too long to read')), INSPECTION_TIMEOUT_MS);
        worker.once('message', (m: { ok: boolean }) => {
          clearTimeout(timer);
          resolve(m);
        });
        worker.once('error', (e) => {
          clearTimeout(timer);
          reject(new NotAPdf(e.message));
        });
        worker.once('exit', (code) => {
          clearTimeout(timer);
          reject(new NotAPdf(`reader stopped (${code})`));
        });
      },
    );
    if (!answer.ok || !answer.texts || !answer.pages) throw new NotAPdf(answer.error ?? 'no pages');
    return { pages: answer.pages, texts: answer.texts.map(cleanText) };
  } finally {
    await worker.terminate();
  }
}

async function checkFrame(path: string): Promise<void> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size < 64) throw new NotAPdf('too small');
    const head = Buffer.alloc(1024);
    await file.read(head, 0, head.length, 0);
    if (!head.subarray(0, Math.min(size, 1024)).includes('%PDF-')) throw new NotAPdf('no PDF header');
    const tailLength = Math.min(size, 2048);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    if (!tail.includes('%%EOF')) throw new NotAPdf('no end-of-file marker: cut short');
  } finally {
    await file.close();
  }
}

/**
 * A text layer may map glyphs to anything, NUL included (which PostgreSQL's text refuses):
 * control characters other than tabs and line breaks become spaces.
 */
function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  return text.normalize('NFC').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ' ');
}

/** A page counts as without text when it has no letter or digit (a scan, a picture). */
export function textlessPages(texts: readonly string[]): number[] {
  return texts.flatMap((t, i) => (/[\p{L}\p{N}]/u.test(t) ? [] : [i + 1]));
}
