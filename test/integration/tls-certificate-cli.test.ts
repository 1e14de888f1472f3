import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/server-harness.js';

/**
 * `cabinet tls-certificate`: the meeting CA issues the certificate of what ends TLS in front
 * of the nodes, checked by OpenSSL against that CA; it never makes a CA of its own.
 */
const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'server/cli/cabinet.ts');

let h: Harness;
let out: string;

async function cabinet(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const env = { ...process.env, CABINET_DATABASE_URL: h.databaseUrl ?? '' };
  try {
    const { stdout, stderr } = await run(TSX, [CLI, ...args], { env });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, out: err.stdout ?? '', err: err.stderr ?? '' };
  }
}

beforeAll(async () => {
  h = await startHarness();
  out = mkdtempSync(join(tmpdir(), 'cabinet-balancer-'));
  // SQLite: the server holds the file alone, so the certificate is made while it is stopped.
  await h.stop();
});
afterAll(async () => {
  await h?.cleanup();
  rmSync(out, { recursive: true, force: true });
});

describe('cabinet tls-certificate', () => {
  it('issues a certificate of the meeting CA for the balancer, with its names, and a private key kept 0600', async () => {
    const done = await cabinet(
      'tls-certificate',
      '--names',
      'hop.example.vn,10.0.0.5',
      '--out',
      out,
      '--data',
      h.dataDir,
    );
    expect(done.code, done.err).toBe(0);
    const caFile = join(h.dataDir, 'ca', 'meeting-ca.pem');
    const verified = await run('openssl', ['verify', '-CAfile', caFile, join(out, 'server.pem')]);
    expect(verified.stdout).toContain('OK');
    const text = await run('openssl', ['x509', '-in', join(out, 'server.pem'), '-noout', '-ext', 'subjectAltName']);
    expect(text.stdout).toContain('DNS:hop.example.vn');
    expect(text.stdout).toContain('IP Address:10.0.0.5');
    expect(statSync(join(out, 'server.key')).mode & 0o077).toBe(0);
    // The chain file ends with the CA, so the balancer sends it and tablets find their pin in it.
    expect(readFileSync(join(out, 'server.pem'), 'utf8').trim().endsWith(readFileSync(caFile, 'utf8').trim())).toBe(
      true,
    );
  });

  it('refuses a data folder without a meeting CA, and bad names, as usage errors', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'cabinet-no-ca-'));
    try {
      expect((await cabinet('tls-certificate', '--names', 'a.example', '--out', out, '--data', empty)).code).toBe(2);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    expect((await cabinet('tls-certificate', '--names', 'not a name!', '--out', out, '--data', h.dataDir)).code).toBe(
      2,
    );
    expect((await cabinet('tls-certificate', '--out', out)).code).toBe(2);
  });
});
