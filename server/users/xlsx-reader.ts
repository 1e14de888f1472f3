import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The rows of a workbook's first sheet, as the cells show them; or why it could not be read. */
export type XlsxLines = { ok: true; rows: Array<{ row: number; cells: string[] }> } | { ok: false; reason: string };

const require = createRequire(import.meta.url);
const EXCELJS_PATH = require.resolve('exceljs');

/**
 * exceljs reads a workbook whole on the thread that calls it, which costs seconds of CPU for
 * a large one: in a worker thread the room's ballots and page turns go on meanwhile, and a
 * workbook that exhausts memory ends the worker, not the server. Plain JavaScript given as
 * source, so it runs the same from the TypeScript sources (tests) and the build.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ExcelJS = require(workerData.exceljs);
(async () => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(workerData.bytes));
  } catch {
    parentPort.postMessage({ ok: false, reason: 'not-xlsx' });
    return;
  }
  const sheet = workbook.worksheets[0];
  const rows = [];
  if (sheet)
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      // Past the header and the most people a file may hold, rows are only there to be refused.
      if (rows.length > workerData.maxRows + 1) return;
      // A cell in column XFD makes a row 16384 cells long, and even skipping the empty ones
      // walks them all: only the first columns are read, and a row reaching past them counts
      // as having something there (an extra column, or a header refused).
      const cells = [];
      const count = Math.min(row.cellCount, workerData.maxColumns);
      for (let c = 1; c <= count; c += 1) {
        let text = '';
        try { text = String(row.getCell(c).text ?? ''); } catch { text = ''; }
        // A workbook's cells may all name one shared string of megabytes: read past every
        // field's bound and no further (copied, not sliced: a slice keeps its parent alive).
        cells.push(text.length > workerData.maxCellChars ? [...text.slice(0, workerData.maxCellChars)].join('') : text);
      }
      if (row.cellCount > workerData.maxColumns) cells.push('…');
      if (cells.some((c) => c.trim() !== '')) rows.push({ row: rowNumber, cells });
    });
  parentPort.postMessage({ ok: true, rows });
})().catch((e) => parentPort.postMessage({ ok: false, reason: String((e && e.message) || e) }));
`;

/** How long one workbook may take; one built to keep exceljs busy is refused after it. */
const XLSX_TIMEOUT_MS = 30_000;

/** Reads the first worksheet in a worker thread (bounded in time and memory). */
export async function readXlsxRows(
  bytes: Uint8Array,
  bounds: { maxRows: number; maxColumns: number; maxCellChars: number },
): Promise<XlsxLines> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { exceljs: EXCELJS_PATH, bytes, ...bounds },
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  });
  try {
    return await new Promise<XlsxLines>((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, reason: 'took too long' }), XLSX_TIMEOUT_MS);
      const settle = (answer: XlsxLines) => {
        clearTimeout(timer);
        resolve(answer);
      };
      worker.once('message', (m: XlsxLines) => settle(m));
      worker.once('error', (e) => settle({ ok: false, reason: e.message }));
      worker.once('exit', (code) => settle({ ok: false, reason: `reader stopped (${code})` }));
    });
  } finally {
    await worker.terminate();
  }
}
