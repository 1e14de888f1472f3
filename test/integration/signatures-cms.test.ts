import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fingerprintOf,
  makeRevocationList,
  signDetachedCms,
  verifyDetachedCms,
  type TrustPolicy,
} from '../../shared/signatures/index.js';
import { issueLeaf, makeCa, type TestCa, type TestIdentity } from '../support/test-pki.js';

/**
 * The detached CMS against OpenSSL (`openssl cms -verify`, also `-cades`) and every refusal
 * of our verifier with its reason.
 */

const run = promisify(execFile);
const DAY = 86_400_000;
const content = Buffer.from('Biên bản họp Hội đồng quản trị ngày 05/12/2026 — bản cuối cùng.\n', 'utf8');

let dir: string;
let ca: TestCa;
let chair: TestIdentity;
let policy: TrustPolicy;

/** `openssl cms -verify` of a detached CMS; resolves to its exit code. */
async function opensslVerify(cms: Uint8Array, data: Uint8Array, cades: boolean): Promise<number> {
  writeFileSync(join(dir, 'sig.p7s'), cms);
  writeFileSync(join(dir, 'data.bin'), data);
  const args = [
    'cms',
    '-verify',
    ...(cades ? ['-cades'] : []),
    '-binary',
    '-inform',
    'DER',
    '-in',
    join(dir, 'sig.p7s'),
  ];
  args.push(
    '-content',
    join(dir, 'data.bin'),
    '-CAfile',
    join(dir, 'ca.pem'),
    '-purpose',
    'any',
    '-out',
    join(dir, 'out.bin'),
  );
  try {
    await run('openssl', args);
    return 0;
  } catch (e) {
    return (e as { code?: number }).code ?? -1;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cabinet-cms-'));
  ca = await makeCa();
  chair = await issueLeaf(ca, { userId: 'u-chair', deviceId: 'd-chair-tablet', name: 'Nguyễn Thị Hương Giang' });
  writeFileSync(join(dir, 'ca.pem'), ca.pem);
  policy = { anchors: [ca.der] };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('OpenSSL accepts our CMS', () => {
  it('RSA: openssl cms -verify, and with -cades (signing-certificate-v2); one changed byte is refused by both', async () => {
    const cms = await signDetachedCms(content, chair.signer);
    expect(await opensslVerify(cms, content, false)).toBe(0);
    expect(await opensslVerify(cms, content, true)).toBe(0);
    const changed = Buffer.from(content);
    changed[10]! ^= 0x01;
    expect(await opensslVerify(cms, changed, true)).not.toBe(0);
    expect(await verifyDetachedCms(cms, changed, policy)).toMatchObject({ ok: false, reason: 'CONTENT_CHANGED' });
    expect(await verifyDetachedCms(cms, content, policy)).toMatchObject({
      ok: true,
      signer: { commonName: 'Nguyễn Thị Hương Giang', userId: 'u-chair', deviceId: 'd-chair-tablet' },
    });
  });

  it('ECDSA P-256 too', async () => {
    const ec = await issueLeaf(ca, { userId: 'u-ec', deviceId: 'd-ec', name: 'Đặng Quốc Bảo', keyType: 'ec' });
    const cms = await signDetachedCms(content, ec.signer);
    expect(await opensslVerify(cms, content, true)).toBe(0);
    expect(await verifyDetachedCms(cms, content, policy)).toMatchObject({ ok: true, signer: { userId: 'u-ec' } });
  });

  it('a CMS without signing-certificate-v2 (forge) passes plain openssl but not -cades, and we refuse it', async () => {
    const asciiCa = await makeCa('Test CA', { organization: 'Test' });
    const id = await issueLeaf(asciiCa, {
      userId: 'u-forge',
      deviceId: 'd-forge',
      name: 'Forge Signer',
      organization: 'Test',
    });
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(content.toString('binary'));
    const cert = forge.pki.certificateFromPem(id.pem);
    p7.addCertificate(cert);
    p7.addSigner({
      key: forge.pki.privateKeyFromPem(id.keyPem),
      certificate: cert,
      digestAlgorithm: forge.pki.oids.sha256!,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! },
        { type: forge.pki.oids.messageDigest! },
        { type: forge.pki.oids.signingTime!, value: new Date() as unknown as string },
      ],
    });
    p7.sign({ detached: true });
    const cms = Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
    writeFileSync(join(dir, 'ca.pem'), asciiCa.pem);
    expect(await opensslVerify(cms, content, false)).toBe(0);
    expect(await opensslVerify(cms, content, true)).not.toBe(0);
    writeFileSync(join(dir, 'ca.pem'), ca.pem);
    expect(await verifyDetachedCms(cms, content, { anchors: [asciiCa.der] })).toMatchObject({
      ok: false,
      reason: 'NO_SIGNING_CERTIFICATE',
    });
  });
});

describe('our verifier refuses, each time with its reason', () => {
  it('a flipped signature byte: BAD_SIGNATURE', async () => {
    const cms = await signDetachedCms(content, chair.signer);
    const flipped = cms.slice();
    flipped[flipped.length - 20]! ^= 0x40; // inside the RSA signature value, the CMS's last field
    expect(await verifyDetachedCms(flipped, content, policy)).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(await opensslVerify(flipped, content, false)).not.toBe(0);
  });

  it('a certificate from another CA: UNTRUSTED (the other CA trusted: accepted)', async () => {
    const other = await makeCa('CA của đơn vị khác');
    const stranger = await issueLeaf(other, { userId: 'u-x', deviceId: 'd-x', name: 'Người lạ' });
    const cms = await signDetachedCms(content, stranger.signer);
    expect(await verifyDetachedCms(cms, content, policy)).toMatchObject({
      ok: false,
      reason: 'UNTRUSTED',
      signer: { userId: 'u-x' },
    });
    expect(await verifyDetachedCms(cms, content, { anchors: [other.der] })).toMatchObject({ ok: true });
  });

  it('expired or not yet valid at the signing time: EXPIRED, NOT_YET_VALID', async () => {
    const old = await issueLeaf(ca, {
      userId: 'u-old',
      deviceId: 'd-old',
      name: 'Hết Hạn',
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - 10 * DAY),
    });
    const cms = await signDetachedCms(content, old.signer);
    expect(await verifyDetachedCms(cms, content, policy)).toMatchObject({ ok: false, reason: 'EXPIRED' });
    // Judged at a time the certificate was valid (e.g. a trusted timestamp), it passes.
    expect(await verifyDetachedCms(cms, content, { ...policy, at: new Date(Date.now() - 100 * DAY) })).toMatchObject({
      ok: true,
    });
    const future = await issueLeaf(ca, {
      userId: 'u-new',
      deviceId: 'd-new',
      name: 'Chưa Hiệu Lực',
      notBefore: new Date(Date.now() + 10 * DAY),
    });
    const early = await signDetachedCms(content, future.signer);
    expect(await verifyDetachedCms(early, content, policy)).toMatchObject({ ok: false, reason: 'NOT_YET_VALID' });
  });

  it('a key not for signing: NOT_FOR_SIGNING', async () => {
    const enc = await issueLeaf(ca, { userId: 'u-enc', deviceId: 'd-enc', name: 'Chỉ Mã Hóa', usage: 'encipher' });
    const cms = await signDetachedCms(content, enc.signer);
    expect(await verifyDetachedCms(cms, content, policy)).toMatchObject({ ok: false, reason: 'NOT_FOR_SIGNING' });
  });

  it('revoked before signing: REVOKED; after: valid with revokedLater (by the list and by a CRL)', async () => {
    const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000 - DAY);
    const cms = await signDetachedCms(content, chair.signer, { signingTime });
    const before = new Date(signingTime.getTime() - 60_000);
    const after = new Date(signingTime.getTime() + 60_000);
    const issuerFingerprint = await fingerprintOf(ca.der);
    const listed = (revokedAt: Date): TrustPolicy => ({
      ...policy,
      revocations: [{ issuerFingerprint, serialHex: chair.serialHex, revokedAt }],
    });
    expect(await verifyDetachedCms(cms, content, listed(before))).toMatchObject({ ok: false, reason: 'REVOKED' });
    expect(await verifyDetachedCms(cms, content, listed(after))).toMatchObject({ ok: true, revokedLater: after });
    const crl = async (revokedAt: Date): Promise<TrustPolicy> => ({
      ...policy,
      crls: [
        await makeRevocationList({
          issuerCertificate: ca.der,
          issuerKey: ca.signingKey,
          revoked: [{ serialHex: chair.serialHex, revokedAt }],
          thisUpdate: new Date(),
          nextUpdate: new Date(Date.now() + DAY),
          crlNumber: 1,
        }),
      ],
    });
    expect(await verifyDetachedCms(cms, content, await crl(before))).toMatchObject({ ok: false, reason: 'REVOKED' });
    expect(await verifyDetachedCms(cms, content, await crl(after))).toMatchObject({ ok: true, revokedLater: after });
  });

  it('garbage, an empty file, a CMS cut short: MALFORMED, never a throw', async () => {
    const cms = await signDetachedCms(content, chair.signer);
    for (const bytes of [
      new Uint8Array(0),
      Buffer.from('not a signature'),
      cms.subarray(0, cms.length - 1),
      Buffer.concat([cms, Buffer.from([0])]),
    ]) {
      expect(await verifyDetachedCms(bytes, content, policy)).toMatchObject({ ok: false, reason: 'MALFORMED' });
    }
  });
});
