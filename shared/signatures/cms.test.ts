import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueLeaf, makeCa, type TestCa, type TestIdentity } from '../../test/support/test-pki.js';
import { signDetachedCms } from './cms-sign.js';
import { verifyDetachedCms } from './cms-verify.js';
import { describeCertificate, parseAsn1 } from './certificate.js';
import * as pkijs from 'pkijs';

const content = new TextEncoder().encode('Biên bản họp Hội đồng quản trị, phiên thứ nhất.');
let ca: TestCa;
let chair: TestIdentity;
let ecSigner: TestIdentity;

beforeAll(async () => {
  ca = await makeCa();
  chair = await issueLeaf(ca, { userId: 'u-chair', deviceId: 'd-tablet-1', name: 'Nguyễn Văn Ánh' });
  ecSigner = await issueLeaf(ca, { userId: 'u-ec', deviceId: 'd-ec', name: 'Trần Thị Bích', keyType: 'ec' });
});

/** The signature value's place in the DER, and the signed attributes' place. */
function regions(cms: Uint8Array): { signature: [number, number]; attrs: [number, number] } {
  const info = new pkijs.ContentInfo({ schema: parseAsn1(cms, 'cms') });
  const signer = new pkijs.SignedData({ schema: info.content }).signerInfos[0]!;
  const find = (needle: Uint8Array): [number, number] => {
    for (let i = 0; i + needle.length <= cms.length; i += 1) {
      if (needle.every((b, j) => cms[i + j] === b)) return [i, i + needle.length];
    }
    throw new Error('not found');
  };
  const attrs = new Uint8Array(signer.signedAttrs!.encodedValue);
  attrs[0] = 0xa0;
  return { signature: find(signer.signature.valueBlock.valueHexView), attrs: find(attrs) };
}

describe('detached CMS', () => {
  it('signs and verifies with RSA and with ECDSA P-256', async () => {
    for (const id of [chair, ecSigner]) {
      const signingTime = new Date('2026-03-01T08:30:00Z');
      const cms = await signDetachedCms(content, id.signer, { signingTime });
      const result = await verifyDetachedCms(cms, content, { anchors: [ca.der], at: new Date() });
      expect(result).toMatchObject({
        ok: true,
        signingTime,
        signer: { userId: id.userId, deviceId: id.deviceId, commonName: id.name },
      });
    }
  });

  it('any single changed byte of the content, the signature value or the signed attributes is refused', async () => {
    const cms = await signDetachedCms(content, chair.signer);
    const policy = { anchors: [ca.der] };
    const { signature, attrs } = regions(cms);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('content', 'signature', 'attrs'),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (where, at, xor) => {
          const c = content.slice();
          const s = cms.slice();
          if (where === 'content') c[at % c.length]! ^= xor;
          else {
            const [from, to] = where === 'signature' ? signature : attrs;
            s[from + (at % (to - from))]! ^= xor;
          }
          const result = await verifyDetachedCms(s, c, policy);
          expect(result.ok).toBe(false);
          if (where === 'content') expect(result).toMatchObject({ reason: 'CONTENT_CHANGED' });
          if (where === 'signature') expect(result).toMatchObject({ reason: 'BAD_SIGNATURE' });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never throws on garbage', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const result = await verifyDetachedCms(bytes, content, { anchors: [ca.der] });
        expect(result).toMatchObject({ ok: false, reason: 'MALFORMED' });
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a chain to no anchor, and a signer that is not for signing', async () => {
    const cms = await signDetachedCms(content, chair.signer);
    expect(await verifyDetachedCms(cms, content, { anchors: [] })).toMatchObject({ ok: false, reason: 'UNTRUSTED' });
    const other = await makeCa('Một CA khác');
    expect(await verifyDetachedCms(cms, content, { anchors: [other.der] })).toMatchObject({
      ok: false,
      reason: 'UNTRUSTED',
    });
    const encipher = await issueLeaf(ca, {
      userId: 'u-x',
      deviceId: 'd-x',
      name: 'Lê Văn Xuân',
      usage: 'encipher',
      keySlot: 'enc',
    });
    const bad = await signDetachedCms(content, encipher.signer);
    expect(await verifyDetachedCms(bad, content, { anchors: [ca.der] })).toMatchObject({
      ok: false,
      reason: 'NOT_FOR_SIGNING',
    });
  });
});

describe('describeCertificate', () => {
  it('reads the Vietnamese name, our user and device, serial and fingerprint', async () => {
    const summary = await describeCertificate(chair.der);
    expect(summary).toMatchObject({
      commonName: 'Nguyễn Văn Ánh',
      userId: 'u-chair',
      deviceId: 'd-tablet-1',
      serialHex: chair.serialHex,
      isCa: false,
    });
    expect(summary.subject).toBe('CN=Nguyễn Văn Ánh, UID=u-chair, O=Ủy ban nhân dân thử nghiệm');
    expect(summary.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect((await describeCertificate(ca.der)).isCa).toBe(true);
    await expect(describeCertificate(new Uint8Array([0x30, 0x03, 1, 2, 3]))).rejects.toThrow();
  });
});
