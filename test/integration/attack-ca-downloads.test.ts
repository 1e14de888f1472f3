import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app.js';
import { createDatabase, dropDatabase, TEST_ENGINE } from '../support/postgres.js';

/**
 * ATTACK (issue 15): the CA downloads a tablet fetches before it trusts anything, asked in odd
 * ways (HEAD, Range, strange Accept, other methods, near-miss paths) against a real server. The
 * answer is always the same file with the same type, never a partial or a different body, and
 * never something a browser would sniff into HTML.
 */

let dataDir: string;
let databaseUrl: string | undefined;
let databaseName: string | undefined;
let server: RunningServer;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cabinet-attack-ca-'));
  if (TEST_ENGINE === 'postgres') {
    const db = await createDatabase();
    databaseUrl = db.url;
    databaseName = db.name;
  }
  server = await startServer({ dataDir, databaseUrl, port: 0, host: '127.0.0.1', logLevel: 'silent', seedDemo: false });
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}.ca-key`, { force: true });
  if (databaseName) await dropDatabase(databaseName);
});

const DOWNLOADS = [
  { path: '/api/pki/ca.mobileconfig', type: 'application/x-apple-aspen-config' },
  { path: '/api/pki/ca.crt', type: 'application/x-x509-ca-cert' },
] as const;

async function fetchBytes(path: string, init: RequestInit = {}): Promise<{ res: Response; bytes: Buffer }> {
  const res = await fetch(`${server.url}${path}`, init);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('ATTACK: the CA downloads asked in odd ways', () => {
  for (const { path, type } of DOWNLOADS) {
    it(`${path}: HEAD, Range, odd Accept and encodings give the one file, typed, not sniffable, not kept by a shared cache`, async () => {
      const whole = await fetchBytes(path);
      expect(whole.res.status).toBe(200);
      expect(whole.res.headers.get('content-type')).toBe(type);
      expect(whole.res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(whole.res.headers.get('cache-control')).toBe('no-cache');
      expect(whole.bytes.byteLength).toBeGreaterThan(100);

      const head = await fetchBytes(path, { method: 'HEAD' });
      expect(head.res.status).toBe(200);
      expect(head.res.headers.get('content-type')).toBe(type);
      expect(head.bytes.byteLength).toBe(0);
      expect(head.res.headers.get('x-ca-fingerprint')).toBe(whole.res.headers.get('x-ca-fingerprint'));

      for (const range of ['bytes=0-9', 'bytes=5-', 'bytes=-5', 'bytes=999999-', 'bytes=abc', 'bytes=0-0,2-3']) {
        const ranged = await fetchBytes(path, { headers: { range: range } });
        // No range support: the whole file, never a slice of another length called the file.
        expect(ranged.res.status, range).toBe(200);
        expect(ranged.bytes.equals(whole.bytes), range).toBe(true);
      }
      for (const accept of ['text/html', 'application/json', '*/*;q=0', 'x'.repeat(8000)]) {
        const odd = await fetchBytes(path, { headers: { accept } });
        expect(odd.res.status, accept.slice(0, 20)).toBe(200);
        expect(odd.res.headers.get('content-type')).toBe(type);
        expect(odd.bytes.equals(whole.bytes)).toBe(true);
      }
    });
  }

  it('other methods and near-miss paths are refused, and no path outside the two names serves the CA', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(`${server.url}/api/pki/ca.crt`, { method });
      expect([404, 405], method).toContain(res.status);
    }
    for (const path of [
      '/api/pki/ca.crt/',
      '/api/pki/ca.crt%00.html',
      '/api/pki/ca.crt.html',
      '/api/pki/CA.CRT',
      '/api/pki/..%2fca.crt',
      '/api/pki/ca.mobileconfig?x=<script>',
    ]) {
      const res = await fetch(`${server.url}${path}`);
      const type = res.headers.get('content-type') ?? '';
      await res.arrayBuffer();
      if (res.status === 200) expect(type, path).not.toMatch(/html/);
      else expect(res.status, path).toBeGreaterThanOrEqual(400);
    }
  });
});
