import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopCore } from '../../electron/core/desktop-core.js';
import { MAX_IMPORT_BYTES } from '../../shared/protocol/index.js';
import { DesktopRig, waitFor } from './desktop-harness.js';

/**
 * The people screen's import through the real client core and its Node transport (what the
 * desktop app runs; the browser's XHR sends the same form): a list larger than a socket
 * message, a preview that creates nobody, a refused row naming its line, and a delegate
 * refused by the server.
 */
const rig = new DesktopRig();
let secretary: DesktopCore;

beforeAll(async () => {
  await rig.startServer();
  secretary = rig.openCore(rig.tempDir('secretary'));
  await rig.signIn(secretary, 'thuky');
  await waitFor(() => secretary.client.getState().connection === 'online', 10_000, 'secretary online');
});
afterAll(() => rig.cleanup());

const bytes = (text: string) => new TextEncoder().encode(text);
const file = (name: string, body: Uint8Array) => ({ name, size: body.byteLength, body });

async function usernames(): Promise<string[]> {
  const answer = await secretary.client.request('people:list', {});
  if (!answer.ok) throw new Error(answer.error.code);
  return answer.data.people.map((p) => p.username);
}

describe('importing people from the client core', () => {
  it('previews and imports 1200 people from a CSV, then a workbook', async () => {
    const rows = Array.from(
      { length: 1200 },
      (_, i) => `nhap${i},Phạm Thị Bích Ngọc ${i},Ủy viên,Ban Văn hóa - Xã hội,${i}`,
    );
    const csv = bytes(['username,displayName,title,unit,seat', ...rows].join('\r\n'));
    const preview = await secretary.client.importPeople({ file: file('dai-bieu.csv', csv), dryRun: true });
    expect(preview).toMatchObject({ ok: true, data: { dryRun: true, created: 0, errors: [] } });
    expect(preview.ok && preview.data.rows[1199]?.displayName).toBe('Phạm Thị Bích Ngọc 1199');
    expect(await usernames()).not.toContain('nhap0');
    const done = await secretary.client.importPeople({ file: file('dai-bieu.csv', csv), dryRun: false });
    expect(done).toMatchObject({ ok: true, data: { created: 1200 } });
    expect(done.ok && done.data.accounts).toHaveLength(1200);
    expect(await usernames()).toContain('nhap1199');

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Danh sách').addRows([
      ['username', 'displayName', 'unit'],
      ['nhapxl', 'Lương Thế Vinh', 'Thường trực HĐND'],
    ]);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    const fromWorkbook = await secretary.client.importPeople({ file: file('Danh sách.xlsx', xlsx), dryRun: false });
    expect(fromWorkbook).toMatchObject({ ok: true, data: { created: 1, rows: [{ displayName: 'Lương Thế Vinh' }] } });
  });

  it('answers a refused row with its line and creates nobody; a delegate and an oversized file are refused', async () => {
    const csv = bytes('username,displayName\nhople1,Người Hợp Lệ\nhople2,\n');
    const refused = await secretary.client.importPeople({ file: file('loi.csv', csv), dryRun: false });
    expect(refused).toMatchObject({ ok: true, data: { created: 0, errors: [{ row: 3 }] } });
    expect(await usernames()).not.toContain('hople1');

    const big = new Uint8Array(MAX_IMPORT_BYTES + 10).fill(97);
    expect(await secretary.client.importPeople({ file: file('lon.csv', big), dryRun: true })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD_TOO_LARGE' },
    });

    const delegate = rig.openCore(rig.tempDir('delegate'));
    await rig.signIn(delegate, 'daibieu1');
    expect(await delegate.client.importPeople({ file: file('a.csv', csv), dryRun: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
