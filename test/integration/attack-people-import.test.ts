import { monitorEventLoopDelay } from 'node:perf_hooks';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonImportResult } from '../../shared/protocol/index.js';
import { MAX_IMPORT_BYTES } from '../../shared/protocol/index.js';
import { startHarness, type Harness } from '../support/server-harness.js';

/**
 * Attacks on the bulk import's .xlsx reading: a workbook is a zip, and a zip of a few hundred
 * kilobytes may inflate to gigabytes. The server must refuse it without inflating it all.
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

interface Entry {
  name: string;
  method: 0 | 8;
  data: Buffer;
  crc: number;
  size: number;
}

/** A plain zip (no data descriptors, no zip64) of already-compressed entries. */
function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** `megabytes` MiB of spaces, deflated as it streams (the test never holds them whole). */
async function deflatedSpaces(megabytes: number, name: string): Promise<Entry> {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (d: Buffer) => parts.push(d));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  for (let i = 0; i < megabytes; i += 1) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { name, method: 8, data: Buffer.concat(parts), crc, size: megabytes * 1024 * 1024 };
}

/** The entries of a real workbook (one header row, one person), each deflated again. */
async function workbookEntries(): Promise<Entry[]> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('People');
  ws.addRow(['username', 'displayName']);
  ws.addRow(['bomb1', 'Bomb']);
  const real = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const entries: Entry[] = [];
  for (const f of Object.values(real.files)) {
    if (f.dir) continue;
    const raw = await f.async('nodebuffer');
    entries.push({ name: f.name, method: 8, data: deflateRawSync(raw), crc: crc32(raw), size: raw.length });
  }
  return entries;
}

async function post(body: Uint8Array) {
  return fetch(`${h.server.url}/api/users/import?dryRun=1`, {
    method: 'POST',
    headers: { 'content-type': XLSX, authorization: `Bearer ${token}` },
    body,
  });
}

describe('an .xlsx zip bomb', () => {
  it('is refused quickly, without inflating it, and the server keeps serving', async () => {
    const bomb = zip([...(await workbookEntries()), await deflatedSpaces(400, 'customXml/item1.xml')]);
    expect(bomb.length).toBeLessThan(MAX_IMPORT_BYTES);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const heapBefore = process.memoryUsage().rss;
    delay.enable();
    const res = await post(bomb);
    delay.disable();
    const grew = process.memoryUsage().rss - heapBefore;
    expect(res.status).toBe(422);
    const result = (await res.json()) as PersonImportResult;
    expect(result.errors.map((e) => e.code)).toEqual(['MALFORMED_FILE']);
    expect(grew).toBeLessThan(150 * 1024 * 1024);
    expect(delay.max / 1e6).toBeLessThan(500);
    expect((await h.login('admin')).token).toBeTruthy();
  });

  it('whose sizes lie in the directory is refused as well', async () => {
    const honest = await deflatedSpaces(400, 'customXml/item1.xml');
    const bomb = zip([...(await workbookEntries()), { ...honest, size: 1000 }]);
    const res = await post(bomb);
    expect(res.status).toBe(422);
    const result = (await res.json()) as PersonImportResult;
    expect(result.errors.map((e) => e.code)).toEqual(['MALFORMED_FILE']);
  });

  it('a real workbook still reads; the answer (one-time passwords when not a dry run) is never cached', async () => {
    const res = await post(zip(await workbookEntries()));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const result = (await res.json()) as PersonImportResult;
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.username)).toEqual(['bomb1']);
  });

  it('a cell far right is read as an extra column, without reading the 16384 between', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('People');
    ws.addRow(['username', 'displayName']);
    for (let r = 2; r <= 1500; r += 1) {
      ws.getCell(`A${r}`).value = `far${r}`;
      ws.getCell(`B${r}`).value = 'Far';
      ws.getCell(`XFD${r}`).value = 'x';
    }
    const file = new Uint8Array(await wb.xlsx.writeBuffer());
    // Reading the columns between would run into the worker's time limit, answered otherwise.
    const res = await post(file);
    expect(res.status).toBe(422);
    const result = (await res.json()) as PersonImportResult;
    expect(new Set(result.errors.map((e) => e.code))).toEqual(new Set(['MALFORMED_FILE']));
    expect(result.errors).toHaveLength(1499);
  });
});

describe('many heavy imports at once', () => {
  it('are read one at a time on a node, and past a few waiting refused with RATE_LIMITED', async () => {
    const real = await JSZip.loadAsync(zip(await workbookEntries()));
    const rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>username</t></is></c></row>'];
    for (let r = 2, size = 0; size < 6 * 1024 * 1024; r += 1) {
      const row = `<row r="${r}"><c r="A${r}"><v>1</v></c></row>`;
      rows.push(row);
      size += row.length;
    }
    real.file(
      'xl/worksheets/sheet1.xml',
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`,
    );
    const heavy = new Uint8Array(await real.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect(heavy.length).toBeLessThan(MAX_IMPORT_BYTES);
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(heavy)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
    expect(statuses.every((s) => s === 422 || s === 429)).toBe(true);
    const limited = answers.find((r) => r.status === 429);
    expect(limited?.headers.get('retry-after')).toBe('5');
    expect((await post(zip(await workbookEntries()))).status).toBe(200);
  });
});

describe('a CSV', () => {
  it('with semicolons and lines ending in CR alone reads as Excel wrote it', async () => {
    const csv = 'username;displayName\rcr1;Lê Văn, Ba\rcr2;Trần Thị Bốn\r';
    const res = await fetch(`${h.server.url}/api/users/import?dryRun=1`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      body: csv,
    });
    const result = (await res.json()) as PersonImportResult;
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.username, r.displayName])).toEqual([
      ['cr1', 'Lê Văn, Ba'],
      ['cr2', 'Trần Thị Bốn'],
    ]);
  });
});
