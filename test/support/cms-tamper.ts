import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * Rewrites of a detached CMS that an attacker can make without the signer's key: the signed
 * attributes and the signature stay as they are, the bytes around them change.
 */

function open(cmsB64: string): { info: pkijs.ContentInfo; signedData: pkijs.SignedData } {
  const der = Buffer.from(cmsB64, 'base64');
  const info = new pkijs.ContentInfo({ schema: asn1js.fromBER(new Uint8Array(der)).result });
  const signedData = new pkijs.SignedData({ schema: info.content });
  return { info, signedData };
}

function close(signedData: pkijs.SignedData): string {
  const info = new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: signedData.toSchema(true) });
  return Buffer.from(info.toSchema().toBER(false)).toString('base64');
}

/** The same signer info twice (or another one after it). */
export function withTwoSigners(cmsB64: string, otherB64 = cmsB64): string {
  const { signedData } = open(cmsB64);
  const other = open(otherB64).signedData;
  signedData.signerInfos.push(other.signerInfos[0]!);
  for (const c of other.certificates ?? []) signedData.certificates?.push(c);
  return close(signedData);
}

/** An unsigned attribute added to the signer info (any OID, any value): not covered by the signature. */
export function withUnsignedAttribute(cmsB64: string, note = 'replayed'): string {
  const { signedData } = open(cmsB64);
  const signer = signedData.signerInfos[0]!;
  signer.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 1,
    attributes: [
      new pkijs.Attribute({ type: '1.3.6.1.4.1.99999.1', values: [new asn1js.Utf8String({ value: note })] }),
    ],
  });
  return close(signedData);
}

/** One more (unsigned) certificate in the SignedData's bag. */
export function withExtraCertificate(cmsB64: string, certificateDer: Uint8Array): string {
  const { signedData } = open(cmsB64);
  signedData.certificates = [
    ...(signedData.certificates ?? []),
    new pkijs.Certificate({ schema: asn1js.fromBER(certificateDer).result }),
  ];
  return close(signedData);
}

/** The content embedded as well (an attached signature). */
export function withEmbeddedContent(cmsB64: string, content: Uint8Array): string {
  const { signedData } = open(cmsB64);
  signedData.encapContentInfo = new pkijs.EncapsulatedContentInfo({
    eContentType: '1.2.840.113549.1.7.1',
    eContent: new asn1js.OctetString({ valueHex: content.slice().buffer }),
  });
  return close(signedData);
}
