import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonImportResult } from '../../shared/protocol/index.js';
import { MAX_IMPORT_BYTES } from '../../shared/protocol/index.js';
import { ask, startHarness, type Harness } from '../support/server-harness.js';

/**
 * An .xlsx within every bound of the zip (a few kilobytes, under 8 MiB inflated) whose one
 * shared string, of megabytes, is named by every cell: read, it is that string in each of
 * thousands of cells, and a refused row's message repeats its value.
 */
let h: Harness;
let token: string;

beforeAll(async () => {
  h = await startHarness();
  token = (await h.login('thuky')).token;
});
afterAll(async () => {
  await h?.cleanup();
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook whose cells of rows 2 and on all name shared string 0, of `bytes` letters. */
async function amplifying(bytes: number, rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('People');
  ws.addRow(['username', 'displayName']);
  ws.addRow(['mot', 'Một']);
  const real = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const cells = [
    '<row r="1"><c r="A1" t="inlineStr"><is><t>username</t></is></c><c r="B1" t="inlineStr"><is><t>displayName</t></is></c></row>',
  ];
  for (let r = 2; r <= rows + 1; r += 1)
    cells.push(`<row r="${r}"><c r="A${r}" t="s"><v>0</v></c><c r="B${r}" t="s"><v>0</v></c></row>`);
  real.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${cells.join('')}</sheetData></worksheet>`,
  );
  real.file(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>${'a'.repeat(bytes)}</t></si></sst>`,
  );
  return new Uint8Array(
    await real.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }),
  );
}

describe('an .xlsx whose one long shared string fills every cell', () => {
  it('is refused in a bounded time and answer, and the server keeps serving', async () => {
    const file = await amplifying(7 * 1024 * 1024, 2000);
    expect(file.length).toBeLessThan(MAX_IMPORT_BYTES);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = Date.now();
    const res = await fetch(`${h.server.url}/api/users/import?dryRun=1`, {
      method: 'POST',
      headers: { 'content-type': XLSX, authorization: `Bearer ${token}` },
      body: file,
    });
    const body = await res.text();
    const took = Date.now() - started;
    delay.disable();
    expect(res.status).toBe(422);
    expect(body.length).toBeLessThan(4 * 1024 * 1024);
    const result = JSON.parse(body) as PersonImportResult;
    expect(result.errors.length).toBeGreaterThan(0);
    expect(took).toBeLessThan(5000);
    expect(delay.max / 1e6).toBeLessThan(3000);
    expect((await h.login('admin')).token).toBeTruthy();
  });

  it("is refused as well over the people screen's socket, which it fits", async () => {
    const data = Buffer.from(await amplifying(7 * 1024 * 1024, 2000)).toString('base64');
    expect(data.length).toBeLessThan(60_000);
    const { socket } = await h.connect('thuky');
    const started = Date.now();
    const answer = await ask<PersonImportResult>(
      socket,
      'people:import',
      { format: 'xlsx', data, dryRun: true },
      20_000,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(answer.ok && answer.data.errors.length > 0).toBe(true);
    expect(JSON.stringify(answer).length).toBeLessThan(4 * 1024 * 1024);
  });
});
