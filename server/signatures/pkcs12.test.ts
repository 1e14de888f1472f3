import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDetachedCms, verifyDetachedCms } from '../../shared/signatures/index.js';
import { issueLeaf, makeCa, opensslPkcs12, pkcs12Bytes, type TestCa } from '../../test/support/test-pki.js';
import { loadPkcs12, Pkcs12Error } from './pkcs12.js';

const content = new TextEncoder().encode('Tờ trình số 3');
let dir: string;
let ca: TestCa;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cabinet-p12-'));
  ca = await makeCa();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadPkcs12', () => {
  it('reads OpenSSL 3 files (RSA and EC, Vietnamese password) and forge files (AES-256, 3DES); the signer signs', async () => {
    const rsa = await issueLeaf(ca, { userId: 'u-rsa', deviceId: 'd-rsa', name: 'Hoàng Văn Rô' });
    const ec = await issueLeaf(ca, { userId: 'u-ec', deviceId: 'd-ec', name: 'Hoàng Thị Ê', keyType: 'ec' });
    const files = [
      readFileSync(await opensslPkcs12(rsa, dir, 'mật khẩu', 'rsa.p12')),
      readFileSync(await opensslPkcs12(ec, dir, 'mật khẩu', 'ec.p12')),
      pkcs12Bytes(rsa, 'mật khẩu', 'aes256'),
      pkcs12Bytes(rsa, 'mật khẩu', '3des'),
    ];
    for (const [i, bytes] of files.entries()) {
      const { signer, summary } = await loadPkcs12(bytes, 'mật khẩu');
      expect(summary.userId).toBe(i === 1 ? 'u-ec' : 'u-rsa');
      expect(signer.chain).toHaveLength(1);
      const cms = await signDetachedCms(content, signer);
      expect(await verifyDetachedCms(cms, content, { anchors: [ca.der] })).toMatchObject({ ok: true });
    }
  });

  it('refuses a wrong password and a file that is no PKCS#12, with clear errors', async () => {
    const rsa = await issueLeaf(ca, { userId: 'u-rsa', deviceId: 'd-rsa', name: 'Hoàng Văn Rô' });
    const bytes = readFileSync(await opensslPkcs12(rsa, dir, 'right', 'pw.p12'));
    await expect(loadPkcs12(bytes, 'wrong')).rejects.toThrow(/wrong password/);
    await expect(loadPkcs12(Buffer.from('hello'))).rejects.toThrow(Pkcs12Error);
  });
});
