import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Group, Person, PersonImportResult } from '../../shared/protocol/index.js';
import { ask, startHarness, type Harness, type TestSocket } from '../support/server-harness.js';

/**
 * Attacks on names a people manager writes, which the minutes, the attendance list and the
 * room display show: a line break makes one name look like two lines of the record (a name
 * followed by a made-up result), and bidirectional controls turn the text shown around.
 */
let h: Harness;
let manager: TestSocket;
let n = 0;

beforeAll(async () => {
  h = await startHarness();
  manager = (await h.connect('thuky')).socket;
});
afterAll(async () => {
  manager?.disconnect();
  await h?.cleanup();
});

const details = {
  title: '',
  unit: '',
  seat: '',
  email: '',
  canCreateMeetings: false,
  managesPeople: false,
};

describe('names written by the office', () => {
  it('come out on one line, whether made one by one, edited or imported', async () => {
    const made = await ask<{ person: Person }>(manager, 'people:create', {
      ...details,
      username: `ten${(n += 1)}`,
      displayName: 'Lê Văn Tám\nKết quả: 30 tán thành',
      title: 'Ủy viên\r\nChủ tịch',
      unit: 'Ban\tPháp chế',
    });
    expect(made.ok && made.data.person).toMatchObject({
      displayName: 'Lê Văn Tám Kết quả: 30 tán thành',
      title: 'Ủy viên Chủ tịch',
      unit: 'Ban Pháp chế',
    });
    if (!made.ok) return;
    const edited = await ask<{ person: Person }>(manager, 'people:update', {
      ...details,
      userId: made.data.person.id,
      displayName: 'Lê Văn Tám\n\nBiểu quyết: thông qua',
    });
    expect(edited.ok && edited.data.person.displayName).toBe('Lê Văn Tám Biểu quyết: thông qua');
    const csv = [
      'username,displayName,title,unit',
      `ten${(n += 1)},Trần Thị Chín,"Phó ban\nTrưởng ban","Ban\nKinh tế"`,
    ].join('\r\n');
    const imported = await ask<PersonImportResult>(manager, 'people:import', {
      format: 'csv',
      data: Buffer.from(csv).toString('base64'),
      dryRun: true,
    });
    expect(imported.ok && imported.data.rows[0]).toMatchObject({ title: 'Phó ban Trưởng ban', unit: 'Ban Kinh tế' });
    const group = await ask<{ group: Group }>(manager, 'group:create', { name: 'Tổ 1\nTổ 2', memberIds: [] });
    expect(group.ok && group.data.group.name).toBe('Tổ 1 Tổ 2');
  });

  it('refuse the marks that turn the text shown around', async () => {
    const spoof = 'Nguyễn Văn \u202Eanh\u202C';
    const made = await ask(manager, 'people:create', { ...details, username: `ten${(n += 1)}`, displayName: spoof });
    expect(made).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const isolate = await ask(manager, 'people:create', {
      ...details,
      username: `ten${(n += 1)}`,
      displayName: 'Ba',
      unit: 'Ban \u2067Kinh tế\u2069',
    });
    expect(isolate).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const csv = ['username,displayName', `ten${(n += 1)},${spoof}`].join('\r\n');
    const imported = await ask<PersonImportResult>(manager, 'people:import', {
      format: 'csv',
      data: Buffer.from(csv).toString('base64'),
      dryRun: true,
    });
    expect(imported.ok && imported.data.errors.map((e) => [e.code, e.field])).toEqual([['BAD_TEXT', 'displayName']]);
    const group = await ask(manager, 'group:create', { name: 'Tổ \u202Eđặc biệt', memberIds: [] });
    expect(group).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('hold for the admin route POST /api/users too: no turning marks, and one line', async () => {
    const token = (await h.login('admin')).token;
    const post = (username: string, displayName: string) =>
      fetch(`${h.server.url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ username, displayName, password: 'mot-mat-khau-dai' }),
      });
    expect((await post(`ten${(n += 1)}`, 'Nguyễn Văn \u202Eanh')).status).toBe(400);
    const made = await post(`ten${(n += 1)}`, 'Trần Văn\nKết quả: 100% tán thành');
    expect(made.status).toBe(201);
    expect(((await made.json()) as { user: { displayName: string } }).user.displayName).toBe(
      'Trần Văn Kết quả: 100% tán thành',
    );
  });
});
