import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDetachedCms } from '../../shared/signatures/index.js';
import { makePdf } from '../support/pdf-fixtures.js';
import {
  issueLeaf,
  makeCa,
  opensslPkcs12,
  pemOf,
  pkcs12Bytes,
  type TestCa,
  type TestIdentity,
} from '../support/test-pki.js';

/** `cabinet sign` and `cabinet verify` as a person runs them: a child process, real files, exit codes. */

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'server/cli/cabinet.ts');

let dir: string;
let ca: TestCa;
let chair: TestIdentity;
let secretary: TestIdentity;

async function cabinet(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const env = { ...process.env, CABINET_DATA_DIR: join(dir, 'no-data-here') };
  try {
    const { stdout, stderr } = await run(TSX, [CLI, ...args], { cwd: dir, env });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, out: err.stdout ?? '', err: err.stderr ?? '' };
  }
}

const file = (name: string): string => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cabinet-cli-'));
  ca = await makeCa();
  chair = await issueLeaf(ca, { userId: 'u-chair', deviceId: 'd-chair', name: 'Nguyễn Văn Chủ Tọa' });
  secretary = await issueLeaf(ca, { userId: 'u-secretary', deviceId: 'd-secretary', name: 'Lê Thị Thư Ký' });
  writeFileSync(file('ca.pem'), ca.pem);
  writeFileSync(file('minutes.pdf'), await makePdf({ pages: ['Biên bản họp', 'Trang hai'] }));
  await opensslPkcs12(chair, dir, 'mật khẩu 1', 'chair.p12');
  writeFileSync(file('secretary.p12'), pkcs12Bytes(secretary, 'secret-2', '3des'));
  // Signed twice here, through the CLI; every test below reads the result.
  const first = await cabinet(
    'sign',
    file('minutes.pdf'),
    file('once.pdf'),
    '--p12',
    file('chair.p12'),
    '--password',
    'mật khẩu 1',
    '--reason',
    'Phê duyệt biên bản',
  );
  expect(first).toMatchObject({ code: 0 });
  expect(first.out).toContain('as Nguyễn Văn Chủ Tọa (user u-chair, device d-chair)');
  const second = await cabinet(
    'sign',
    file('once.pdf'),
    file('twice.pdf'),
    '--p12',
    file('secretary.p12'),
    '--password',
    'secret-2',
  );
  expect(second).toMatchObject({ code: 0 });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cabinet verify', () => {
  it('a PDF signed twice (OpenSSL and forge PKCS#12 files) against --ca: exit 0, both signers printed', async () => {
    const result = await cabinet('verify', file('twice.pdf'), '--ca', file('ca.pem'));
    expect(result.code).toBe(0);
    expect(result.out).toContain('Signature #1 (field Signature1)');
    expect(result.out).toContain('Signer:     Nguyễn Văn Chủ Tọa  (user u-chair, device d-chair)');
    expect(result.out).toContain('Reason:     Phê duyệt biên bản');
    expect(result.out).toContain('Signer:     Lê Thị Thư Ký  (user u-secretary, device d-secretary)');
    expect(result.out).toContain('Covers:     the whole document');
    expect(result.out).toContain('VERDICT: VALID (2 signatures');
  });

  it("the data folder's meeting CA is trusted without --ca", async () => {
    const data = file('data');
    mkdirSync(join(data, 'ca'), { recursive: true });
    writeFileSync(join(data, 'ca', 'meeting-ca.pem'), ca.pem);
    const result = await cabinet('verify', file('twice.pdf'), '--data', data);
    expect(result.out).toContain('Trusting the meeting CA');
    expect(result.code).toBe(0);
  });

  it('no --ca and no data folder: untrusted, exit 1', async () => {
    const result = await cabinet('verify', file('twice.pdf'));
    expect(result.out).toContain('UNTRUSTED');
    expect(result.out).toContain('VERDICT: NOT VALID');
    expect(result.code).toBe(1);
  });

  it('a tampered file: exit 1; a PDF without signature: exit 1', async () => {
    const bytes = readFileSync(file('twice.pdf'));
    bytes[11] = bytes[11]! ^ 0x01;
    writeFileSync(file('tampered.pdf'), bytes);
    const [tampered, unsigned] = await Promise.all([
      cabinet('verify', file('tampered.pdf'), '--ca', file('ca.pem')),
      cabinet('verify', file('minutes.pdf'), '--ca', file('ca.pem')),
    ]);
    expect(tampered.out).toContain('CONTENT_CHANGED');
    expect(tampered.code).toBe(1);
    expect(unsigned.out).toContain('no signature found');
    expect(unsigned.code).toBe(1);
  });

  it('a detached CMS (PEM here) with --content: exit 0; other content (DER here): exit 1', async () => {
    const data = Buffer.from('Nghị quyết số 07/NQ-HĐQT\n');
    writeFileSync(file('resolution.txt'), data);
    writeFileSync(file('other.txt'), 'Nghị quyết số 08/NQ-HĐQT\n');
    const cms = await signDetachedCms(data, chair.signer);
    writeFileSync(file('resolution.p7s'), cms);
    writeFileSync(file('resolution.pem'), pemOf(cms, 'CMS'));
    const [good, wrong] = await Promise.all([
      cabinet('verify', file('resolution.pem'), '--content', file('resolution.txt'), '--ca', file('ca.pem')),
      cabinet('verify', file('resolution.p7s'), '--content', file('other.txt'), '--ca', file('ca.pem')),
    ]);
    expect(good.out).toContain('Signer:     Nguyễn Văn Chủ Tọa');
    expect(good.out).toContain('VERDICT: VALID');
    expect(good.code).toBe(0);
    expect(wrong.out).toContain('CONTENT_CHANGED');
    expect(wrong.code).toBe(1);
  });
});

describe('usage and refusals', () => {
  it('usage errors exit 2 with the usage text', async () => {
    const calls = [
      ['verify', file('twice.pdf'), '--bogus'],
      ['verify', file('ca.pem'), '--ca', file('ca.pem')],
    ];
    const results = await Promise.all(calls.map((args) => cabinet(...args)));
    for (const [i, result] of results.entries()) {
      expect(result.code, calls[i]!.join(' ')).toBe(2);
      expect(result.err).toContain('Usage:');
    }
    expect(results[1]!.err).toContain('needs --content');
  });

  it('a wrong PKCS#12 password: exit 1, clear message, no output file', async () => {
    const result = await cabinet(
      'sign',
      file('minutes.pdf'),
      file('never.pdf'),
      '--p12',
      file('chair.p12'),
      '--password',
      'wrong',
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/password/);
  });
});
