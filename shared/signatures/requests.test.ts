import { webcrypto } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueLeaf, makeCa, type TestCa, type TestIdentity } from '../../test/support/test-pki.js';
import { signDetachedCms } from './cms-sign.js';
import { verifyDetachedCms } from './cms-verify.js';
import { makeRevocationList } from './crl.js';
import { makeCertificationRequest, readCertificationRequest } from './csr.js';
import { fingerprintOf, fromHex, normalizeSerialHex, serialBytesOf, toHex } from './bytes.js';

const content = new TextEncoder().encode('Nghị quyết số 01/2026');
let ca: TestCa;
let member: TestIdentity;

beforeAll(async () => {
  ca = await makeCa();
  member = await issueLeaf(ca, { userId: 'u-member', deviceId: 'd-7', name: 'Phạm Minh Đức' });
});

describe('certification requests', () => {
  for (const algorithm of [
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    { name: 'ECDSA', namedCurve: 'P-256' },
  ]) {
    it(`makes and reads a CSR with a ${algorithm.name} key`, async () => {
      const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
      const der = await makeCertificationRequest({
        publicKey: keys.publicKey,
        privateKey: keys.privateKey,
        commonName: 'Võ Thị Hồng Nhung',
        userId: 'u-42',
        deviceId: 'd-9',
      });
      const read = await readCertificationRequest(der);
      expect(read).toMatchObject({
        commonName: 'Võ Thị Hồng Nhung',
        userId: 'u-42',
        deviceId: 'd-9',
        signatureValid: true,
      });
      const spki = new Uint8Array(await webcrypto.subtle.exportKey('spki', keys.publicKey));
      expect(toHex(read.publicKeySpki)).toBe(toHex(spki));
      // A changed byte near the end (in the signature) is seen.
      const tampered = der.slice();
      tampered[tampered.length - 5]! ^= 1;
      expect((await readCertificationRequest(tampered)).signatureValid).toBe(false);
    });
  }
});

describe('revocation', () => {
  const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 2 * 86_400_000);
  const before = new Date(signingTime.getTime() - 3_600_000);
  const after = new Date(signingTime.getTime() + 3_600_000);

  it('by the policy list: revoked before signing is REVOKED, after is ok with revokedLater', async () => {
    const cms = await signDetachedCms(content, member.signer, { signingTime });
    const issuerFingerprint = await fingerprintOf(ca.der);
    const earlier = {
      anchors: [ca.der],
      revocations: [{ issuerFingerprint, serialHex: member.serialHex, revokedAt: before }],
    };
    expect(await verifyDetachedCms(cms, content, earlier)).toMatchObject({ ok: false, reason: 'REVOKED' });
    const later = {
      anchors: [ca.der],
      revocations: [{ issuerFingerprint, serialHex: member.serialHex.toUpperCase(), revokedAt: after }],
    };
    expect(await verifyDetachedCms(cms, content, later)).toMatchObject({ ok: true, revokedLater: after });
    const otherIssuer = {
      anchors: [ca.der],
      revocations: [{ issuerFingerprint: '00'.repeat(32), serialHex: member.serialHex, revokedAt: before }],
    };
    expect(await verifyDetachedCms(cms, content, otherIssuer)).toMatchObject({ ok: true });
  });

  it('by a CRL the anchor signed; a CRL signed by another key revokes nothing', async () => {
    const cms = await signDetachedCms(content, member.signer, { signingTime });
    const crl = (revokedAt: Date, key = ca.signingKey) =>
      makeRevocationList({
        issuerCertificate: ca.der,
        issuerKey: key,
        revoked: [{ serialHex: member.serialHex, revokedAt }],
        thisUpdate: new Date(),
        nextUpdate: new Date(Date.now() + 86_400_000),
        crlNumber: 7,
      });
    expect(await verifyDetachedCms(cms, content, { anchors: [ca.der], crls: [await crl(before)] })).toMatchObject({
      ok: false,
      reason: 'REVOKED',
    });
    expect(await verifyDetachedCms(cms, content, { anchors: [ca.der], crls: [await crl(after)] })).toMatchObject({
      ok: true,
      revokedLater: after,
    });
    const forged = await crl(before, member.signer.privateKey);
    expect(await verifyDetachedCms(cms, content, { anchors: [ca.der], crls: [forged] })).toMatchObject({ ok: true });
    expect(
      (
        await verifyDetachedCms(cms, content, {
          anchors: [ca.der],
          crls: [await crl(before)],
          at: new Date(before.getTime() - 1000),
        })
      ).ok,
    ).toBe(true);
  });
});

describe('bytes', () => {
  it('hex and serials round-trip', () => {
    expect(toHex(fromHex('00ff10'))).toBe('00ff10');
    expect(() => fromHex('abc')).toThrow();
    expect(normalizeSerialHex('00:8A:0b')).toBe('8a0b');
    expect(toHex(serialBytesOf('8a0b'))).toBe('008a0b');
    expect(toHex(serialBytesOf('7f'))).toBe('7f');
  });
});
