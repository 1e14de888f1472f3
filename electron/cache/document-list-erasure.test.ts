import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentInfo } from '../../shared/protocol/index.js';
import { SqliteClientStore } from './sqlite-client-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const MEETING = '0192f0a4-1b2c-7d3e-8f40-300000000001';
const doc = (id: string, title: string) =>
  ({ id, title, version: 1, agendaItemId: null, pages: 1, sha256: 'x', size: 1 }) as unknown as DocumentInfo;

function cacheBytes(file: string): string {
  return [file, `${file}-wal`]
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString('utf8'))
    .join('');
}

describe("a meeting's list of papers in the desktop cache", () => {
  it('keeps no byte of a paper that left the list (restricted from the user since), in the file or its log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cabinet-list-'));
    dirs.push(dir);
    const file = join(dir, 'cache.sqlite');
    const store = new SqliteClientStore(file);
    const secret = 'Tờ trình mật về nhân sự Hoa Sen';
    store.saveDocumentList(MEETING, [
      doc('0192f0a4-1b2c-7d3e-8f40-300000000002', 'Báo cáo ngân sách'),
      doc('0192f0a4-1b2c-7d3e-8f40-300000000003', secret),
    ]);
    expect(cacheBytes(file)).toContain(secret);
    store.saveDocumentList(MEETING, [doc('0192f0a4-1b2c-7d3e-8f40-300000000002', 'Báo cáo ngân sách')]);
    expect(cacheBytes(file)).not.toContain(secret);
    store.deleteDocumentList(MEETING);
    expect(cacheBytes(file)).not.toContain('Báo cáo ngân sách');
    store.close();
  });
});
