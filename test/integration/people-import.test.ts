import ExcelJS from 'exceljs';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, PersonImportResult } from '../../shared/protocol/index.js';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../../shared/protocol/index.js';
import { ask, startHarness, type Harness } from '../support/server-harness.js';

/**
 * The bulk import of people, over HTTP and over a socket, on the test's engine: Vietnamese
 * names come out exactly as written (CSV with and without a BOM, decomposed input, Excel),
 * and a file with one refused row creates nobody and names the row.
 */
let h: Harness;
let adminToken: string;
let n = 0;
const unique = (prefix: string) => `${prefix}${(n += 1)}`;

beforeAll(async () => {
  h = await startHarness();
  adminToken = (await h.login('admin')).token;
});
afterAll(async () => {
  await h?.cleanup();
});

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function post(body: string | Uint8Array, type: string, token: string | null = adminToken, query = '') {
  return fetch(`${h.server.url}/api/users/import${query}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
}

async function people(usernames: string[]) {
  return h.server.store.db
    .selectFrom('users')
    .select(['username', 'display_name', 'title', 'unit', 'seat', 'email', 'must_change_password', 'password_hash'])
    .where('username', 'in', usernames)
    .orderBy('username')
    .execute();
}

async function signIn(username: string, password: string): Promise<Response> {
  return fetch(`${h.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

describe('POST /api/users/import', () => {
  it('creates people from a CSV with and without a BOM, names exactly as written, each with a one-time password', async () => {
    const file = (a: string, b: string, c: string) =>
      [
        'username,displayName,title,unit,seat,email',
        `${a},Nguyễn Thị Ánh Tuyết,Phó Chủ tịch,"Ban Kinh tế - Ngân sách",A12,tuyet@hdnd.example`,
        `${b},Trần Quốc Đạt,Ủy viên,Thường trực HĐND,12,`,
        // Decomposed (NFD) input, as some keyboards and Mac file systems write it, comes out composed.
        `${c.toUpperCase()},${'Lê Thị Hòa'.normalize('NFD')},,,,`,
      ].join('\r\n');
    const [a, b, c] = [unique('tuyet'), unique('dat'), unique('hoa')];
    const [x, y, z] = [unique('tuyet'), unique('dat'), unique('hoa')];
    for (const [body, who] of [
      [`\uFEFF${file(a, b, c)}`, [a, b, c]],
      [file(x, y, z), [x, y, z]],
    ] as const) {
      const res = await post(body, CSV);
      expect(res.status).toBe(201);
      const result = (await res.json()) as PersonImportResult;
      expect(result.errors).toEqual([]);
      expect(result.created).toBe(3);
      expect(result.accounts.map((acc) => acc.username)).toEqual(who);
    }
    expect((await people([x, y, z])).map((r) => r.display_name)).toEqual([
      'Trần Quốc Đạt',
      'Lê Thị Hòa',
      'Nguyễn Thị Ánh Tuyết',
    ]);
    const rows = await people([a, b, c]);
    // By user name: dat…, hoa…, tuyet….
    expect(rows.map((r) => [r.username, r.display_name, r.title, r.unit, r.seat, r.email])).toEqual([
      [b, 'Trần Quốc Đạt', 'Ủy viên', 'Thường trực HĐND', '12', ''],
      [c, 'Lê Thị Hòa', '', '', '', ''],
      [a, 'Nguyễn Thị Ánh Tuyết', 'Phó Chủ tịch', 'Ban Kinh tế - Ngân sách', 'A12', 'tuyet@hdnd.example'],
    ]);
    expect(rows[1]?.display_name).toBe('Lê Thị Hòa'.normalize('NFC'));
    expect(rows.every((r) => r.must_change_password === 1)).toBe(true);
  });

  it('hands out passwords that sign in, stores only their hash, and keeps one audit row for the file', async () => {
    const name = unique('giao');
    const res = await post(`username,displayName\n${name},Phạm Văn Giao\n`, CSV);
    const { accounts } = (await res.json()) as PersonImportResult;
    const password = accounts[0]?.password ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    const [row] = await people([name]);
    expect(row?.password_hash).not.toContain(password);
    const login = await signIn(name, password);
    expect(login.status).toBe(200);
    expect(((await login.json()) as LoginResponse).user.mustChangePassword).toBe(true);
    const audit = await h.server.store.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'people:import')
      .execute();
    expect(audit.some((r) => r.detail.includes(name) && !r.detail.includes(password))).toBe(true);
  });

  it('reads an Excel workbook made by exceljs: names exact, a seat typed as a number read as shown', async () => {
    const [a, b] = [unique('anh'), unique('quoc')];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Đại biểu');
    sheet.addRow(['username', 'displayName', 'title', 'unit', 'seat', 'email']);
    sheet.addRow([a, 'Nguyễn Thị Ánh Tuyết', 'Trưởng ban', 'Ban Pháp chế', 7, 'anh@hdnd.example']);
    sheet.addRow([b, 'Trần Quốc Đạt', '', 'Ban Văn hóa - Xã hội', 'B-3', '']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const res = await post(bytes, XLSX);
    expect(res.status).toBe(201);
    expect(((await res.json()) as PersonImportResult).created).toBe(2);
    expect((await people([a, b])).map((r) => [r.display_name, r.unit, r.seat])).toEqual([
      ['Nguyễn Thị Ánh Tuyết', 'Ban Pháp chế', '7'],
      ['Trần Quốc Đạt', 'Ban Văn hóa - Xã hội', 'B-3'],
    ]);
  });

  it('creates nobody when one row is refused, and names that row', async () => {
    const [a, b, c] = [unique('mot'), unique('hai'), unique('ba')];
    const res = await post(`username,displayName\n${a},Người Một\n${b},\n${c},Người Ba\n`, CSV);
    expect(res.status).toBe(422);
    const body = (await res.json()) as PersonImportResult & { error: { code: string } };
    expect(body.error.code).toBe('IMPORT_REFUSED');
    expect(body.created).toBe(0);
    expect(body.errors).toMatchObject([{ row: 3, code: 'MISSING_FIELD', field: 'displayName' }]);
    expect(body.errors[0]?.message.vi).toContain('Dòng 3');
    expect(body.errors[0]?.message.en).toContain('Row 3');
    expect(await people([a, b, c])).toEqual([]);
  });

  it('names every kind of refused row, by the line it is on', async () => {
    const dup = unique('trung');
    const csv = [
      'username,displayName,title,unit,seat,email',
      `${dup},Người Trùng,,,,`,
      `${dup.toUpperCase()},Người Trùng Lại,,,,`,
      'thuky,Nguyễn Thị Thu,,,,',
      'nguyễn,Có Dấu,,,,',
      `${unique('dai')},${'Ă'.repeat(201)},,,,`,
      `${unique('mail')},Sai Thư,,,,khong-phai-email`,
      `${unique('ghe')},Sai Ghế,,,#1,`,
      ',Không Tên,,,,',
    ].join('\n');
    const res = await post(csv, CSV);
    expect(res.status).toBe(422);
    const { errors } = (await res.json()) as PersonImportResult;
    expect(errors.map((e) => [e.row, e.code])).toEqual([
      [3, 'DUPLICATE_IN_FILE'],
      [4, 'USERNAME_TAKEN'],
      [5, 'BAD_USERNAME'],
      [6, 'TOO_LONG'],
      [7, 'BAD_EMAIL'],
      [8, 'BAD_SEAT'],
      [9, 'MISSING_FIELD'],
    ]);
    expect(errors.every((e) => e.message.vi.length > 0 && e.message.en.length > 0)).toBe(true);
    expect(await people([dup])).toEqual([]);
  });

  it('reads Vietnamese header names, with or without diacritics, in any case, and still refuses an unknown one', async () => {
    const [a, b] = [unique('tenviet'), unique('khongdau')];
    const res = await post(
      [
        'Tên đăng nhập;Họ và tên;Chức vụ;Đơn vị;Số ghế;Email',
        `${a};Đặng Thị Hương;Ủy viên;Ban Pháp chế;A7;huong@hdnd.example`,
      ].join('\r\n'),
      CSV,
    );
    expect(res.status).toBe(201);
    expect(await people([a])).toMatchObject([
      {
        display_name: 'Đặng Thị Hương',
        title: 'Ủy viên',
        unit: 'Ban Pháp chế',
        seat: 'A7',
        email: 'huong@hdnd.example',
      },
    ]);
    // Typed without marks, in capitals, a decomposed "Họ", and the short "Ghế": the same columns.
    const res2 = await post(
      `TEN DANG NHAP, ${'Họ'.normalize('NFD')}  và tên ,ghe,don vi\n${b},Vũ Văn Bình,12,Ban Kinh tế\n`,
      CSV,
    );
    expect(res2.status).toBe(201);
    expect(await people([b])).toMatchObject([{ display_name: 'Vũ Văn Bình', seat: '12', unit: 'Ban Kinh tế' }]);

    const refused = await post(`Tên đăng nhập,Họ và tên,Quê quán\n${unique('que')},Ai Đó,Huế\n`, CSV);
    expect(refused.status).toBe(422);
    const { errors } = (await refused.json()) as PersonImportResult;
    expect(errors).toMatchObject([{ row: 1, code: 'BAD_HEADER' }]);
    expect(errors[0]?.message.vi).toContain('Quê quán');
    expect(errors[0]?.message.vi).toContain('Họ và tên');
  });

  it('checks only on a dry run', async () => {
    const name = unique('thu');
    const res = await post(`username,displayName\n${name},Thử Trước\n`, CSV, adminToken, '?dryRun=1');
    expect(res.status).toBe(200);
    const result = (await res.json()) as PersonImportResult;
    expect(result).toMatchObject({ dryRun: true, created: 0, errors: [], accounts: [] });
    expect(result.rows).toMatchObject([{ row: 2, username: name, displayName: 'Thử Trước' }]);
    expect(await people([name])).toEqual([]);
  });

  it('refuses the unsigned, a delegate, other content types, malformed and oversized files', async () => {
    const csv = `username,displayName\n${unique('khong')},Không Được\n`;
    expect((await post(csv, CSV, null)).status).toBe(401);
    const delegate = await post(csv, CSV, (await h.login('daibieu1')).token);
    expect(delegate.status).toBe(403);
    expect(((await delegate.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    // The office secretary manages people (the demo gives her the right).
    expect(
      (await post(`username,displayName\n${unique('thuky-tao')},Do Thư Ký Tạo\n`, CSV, (await h.login('thuky')).token))
        .status,
    ).toBe(201);
    expect((await post(csv, 'text/plain')).status).toBe(400);
    expect((await post(JSON.stringify({ username: 'x' }), 'application/json')).status).toBe(400);
    const unclosed = (await (
      await post(`username,displayName\n"${unique('mo')},Ngoặc Mở\n`, CSV)
    ).json()) as PersonImportResult;
    expect(unclosed.errors).toMatchObject([{ code: 'MALFORMED_FILE' }]);
    const header = (await (await post('ten,ho\na,b\n', CSV)).json()) as PersonImportResult;
    expect(header.errors).toMatchObject([{ row: 1, code: 'BAD_HEADER' }]);
    const notXlsx = (await (
      await post(new TextEncoder().encode('PK không phải zip'), XLSX)
    ).json()) as PersonImportResult;
    expect(notXlsx.errors).toMatchObject([{ code: 'MALFORMED_FILE' }]);
    const latin1 = await post(
      new Uint8Array([...new TextEncoder().encode('username,displayName\nab,'), 0xe0, 0x0a]),
      CSV,
    );
    expect(((await latin1.json()) as PersonImportResult).errors).toMatchObject([{ code: 'MALFORMED_FILE' }]);
    const many = [
      'username,displayName',
      ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `nhieu${i},Người ${i}`),
    ];
    const tooMany = await post(many.join('\n'), CSV);
    expect(tooMany.status).toBe(422);
    expect(((await tooMany.json()) as PersonImportResult).errors).toMatchObject([
      { row: MAX_IMPORT_ROWS + 2, code: 'TOO_MANY_ROWS' },
    ]);
    const huge = await post(`username,displayName\n${'a'.repeat(MAX_IMPORT_BYTES)}\n`, CSV);
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await people(['nhieu0'])).toEqual([]);
  });
});

describe('POST /api/users/import with a form (the people screen)', () => {
  const form = (name: string, bytes: Uint8Array | string, type = 'application/octet-stream') => {
    const body = new FormData();
    body.append('file', new Blob([bytes], { type }), name);
    return body;
  };
  const postForm = (body: FormData, token: string | null = adminToken, query = '') =>
    fetch(`${h.server.url}/api/users/import${query}`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body,
    });

  it('reads the file part as CSV, or as a workbook by its name, past what a socket message holds', async () => {
    const prefix = unique('form');
    const rows = Array.from(
      { length: 900 },
      (_, i) => `${prefix}x${i},Nguyễn Văn Đại Biểu Số ${i},Ủy viên,Ban Pháp chế,`,
    );
    const csv = ['username,displayName,title,unit,seat', ...rows].join('\n');
    expect(Buffer.byteLength(csv)).toBeGreaterThan(64 * 1024);
    const preview = await postForm(form('danh-sach.csv', csv), adminToken, '?dryRun=1');
    expect(preview.status, await preview.clone().text()).toBe(200);
    expect(((await preview.json()) as PersonImportResult).rows).toHaveLength(900);
    expect(await people([`${prefix}x0`])).toEqual([]);
    const created = await postForm(form('danh-sach.csv', csv));
    expect(created.status).toBe(201);
    expect(((await created.json()) as PersonImportResult).created).toBe(900);
    expect((await people([`${prefix}x899`]))[0]?.display_name).toBe('Nguyễn Văn Đại Biểu Số 899');

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Đại biểu');
    ws.addRow(['username', 'displayName']);
    ws.addRow([`${prefix}xl`, 'Hoàng Thị Thu Hà']);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    const fromWorkbook = await postForm(form('Danh sách.xlsx', xlsx));
    expect(fromWorkbook.status).toBe(201);
    expect((await people([`${prefix}xl`]))[0]?.display_name).toBe('Hoàng Thị Thu Hà');

    // A workbook under a .csv name, announced as a PDF (what the desktop's transport says of every part).
    ws.getCell('A2').value = `${prefix}xm`;
    const misnamed = new Uint8Array(await wb.xlsx.writeBuffer());
    expect((await postForm(form('danh-sach.csv', misnamed, 'application/pdf'))).status).toBe(201);
    expect((await people([`${prefix}xm`]))[0]?.display_name).toBe('Hoàng Thị Thu Hà');
  });

  it('refuses a form without a file part, a delegate, and a file past 1 MiB, creating nobody', async () => {
    const name = unique('formbad');
    const noFile = new FormData();
    noFile.append('note', 'x');
    const missing = await postForm(noFile);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    const delegate = (await h.login('daibieu2')).token;
    expect((await postForm(form('a.csv', `username,displayName\n${name},A`), delegate)).status).toBe(403);
    const huge = await postForm(form('a.csv', `username,displayName\n${name},${'a'.repeat(MAX_IMPORT_BYTES)}\n`));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await people([name])).toEqual([]);
  });

  it('refuses every file 1 to 24 bytes past 1 MiB', async () => {
    const name = unique('formcut');
    const head = `username,displayName\n${name},`;
    for (let over = 1; over <= 24; over++) {
      const body = `${head}${'a'.repeat(MAX_IMPORT_BYTES - head.length + over)}`;
      const answer = await postForm(form('a.csv', body));
      expect(answer.status, `${over} bytes over`).toBe(413);
      await answer.body?.cancel();
    }
    expect(await people([name])).toEqual([]);
  });

  it('refuses a file past 1 MiB whose first MiB arrives on its own, the rest a moment later', async () => {
    const name = unique('formpause');
    const boundary = 'ranhgioi7d3f';
    const head = `username,displayName\n${name},`;
    const first = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.csv"\r\ncontent-type: text/csv\r\n\r\n${head}`,
      ),
      Buffer.alloc(MAX_IMPORT_BYTES - head.length, 'a'),
    ]);
    const rest = Buffer.from(`aaaa\r\n--${boundary}--\r\n`);
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL('/api/users/import', h.server.url);
      const request = httpRequest(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${adminToken}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': first.length + rest.length,
        },
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.write(first, () => setTimeout(() => request.end(rest), 300));
    });
    expect(status).toBe(413);
    expect(await people([name])).toEqual([]);
  });
});

describe('people:import over a socket', () => {
  it('previews, then imports a base64 file for a people manager; a delegate is refused', async () => {
    const { socket } = await h.connect('thuky');
    const name = unique('socket');
    const data = Buffer.from(`\uFEFFusername,displayName,unit\n${name},Đỗ Thị Ngọc Ánh,Văn phòng HĐND\n`).toString(
      'base64',
    );
    const preview = await ask<PersonImportResult>(socket, 'people:import', { format: 'csv', data, dryRun: true });
    expect(preview).toMatchObject({ ok: true, data: { created: 0, rows: [{ displayName: 'Đỗ Thị Ngọc Ánh' }] } });
    const done = await ask<PersonImportResult>(socket, 'people:import', { format: 'csv', data, dryRun: false });
    expect(done).toMatchObject({ ok: true, data: { created: 1, accounts: [{ username: name }] } });
    const again = await ask<PersonImportResult>(socket, 'people:import', { format: 'csv', data, dryRun: false });
    expect(again).toMatchObject({ ok: true, data: { created: 0, errors: [{ row: 2, code: 'USERNAME_TAKEN' }] } });
    const delegate = await h.connect('daibieu2');
    const refused = await ask(delegate.socket, 'people:import', { format: 'csv', data, dryRun: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: { vi: expect.any(String) } } });
    socket.disconnect();
    delegate.socket.disconnect();
  });
});
