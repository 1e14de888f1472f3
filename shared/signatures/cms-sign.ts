import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256, toArrayBuffer } from './bytes.js';
import { parseCertificate } from './certificate.js';
import { OID } from './oids.js';
import type { CmsSigner } from './types.js';

/**
 * A detached CMS SignedData (CAdES-BES shape, what PAdES B-B embeds): SHA-256, RSA
 * PKCS#1 v1.5 or ECDSA after the key, signed attributes contentType, signingTime,
 * messageDigest and signingCertificateV2, in DER order.
 */

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** UTCTime up to 2049, GeneralizedTime after (RFC 5652 §11.3), to the second. */
function timeValue(date: Date): asn1js.AsnType {
  const seconds = new Date(Math.floor(date.getTime() / 1000) * 1000);
  return seconds.getUTCFullYear() < 2050
    ? new asn1js.UTCTime({ valueDate: seconds })
    : new asn1js.GeneralizedTime({ valueDate: seconds });
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } (RFC 5035), hashAlgorithm left at its DEFAULT SHA-256. */
export async function signingCertificateV2(certificateDer: Uint8Array): Promise<asn1js.Sequence> {
  const cert = parseCertificate(certificateDer);
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new pkijs.GeneralName({ type: 4, value: cert.issuer }).toSchema()] }),
      new asn1js.Integer({ valueHex: toArrayBuffer(cert.serialNumber.valueBlock.valueHexView) }),
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: toArrayBuffer(await sha256(certificateDer)) }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** A SET OF is DER only with its members sorted by their encodings; pkijs keeps the given order. */
export function derSorted(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  return attributes
    .map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER(false)) }))
    .sort((x, y) => compareBytes(x.der, y.der))
    .map((x) => x.a);
}

export async function signDetachedCms(
  content: Uint8Array,
  signer: CmsSigner,
  options: {
    signingTime?: Date;
    /** false: no signingTime attribute (PAdES baseline puts the time in the signature dictionary's /M). */
    signingTimeAttribute?: boolean;
  } = {},
): Promise<Uint8Array> {
  const cert = parseCertificate(signer.certificate);
  const chain = (signer.chain ?? []).map(parseCertificate);
  const attributes = derSorted([
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    ...(options.signingTimeAttribute === false
      ? []
      : [attribute(OID.signingTime, timeValue(options.signingTime ?? new Date()))]),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: toArrayBuffer(await sha256(content)) })),
    attribute(OID.signingCertificateV2, await signingCertificateV2(signer.certificate)),
  ]);
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: [cert, ...chain],
  });
  await signedData.sign(signer.privateKey, 0, 'SHA-256');
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}
