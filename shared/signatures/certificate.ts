import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { fingerprintOf, serialHexOf, toArrayBuffer, toHex } from './bytes.js';
import { ATTRIBUTE_NAMES, DEVICE_URN, OID, USER_URN } from './oids.js';
import type { CertificateSummary } from './types.js';

/** Parsing certificates and names, and the summary the UI and the CLI show. */

/** BER/DER bytes to one ASN.1 value; throws when they are not exactly one (trailing bytes too). */
export function parseAsn1(bytes: Uint8Array, what: string): asn1js.AsnType {
  const buffer = toArrayBuffer(bytes);
  const parsed = asn1js.fromBER(buffer);
  if (parsed.offset === -1 || parsed.result.error) throw new Error(`${what}: not ASN.1 (${parsed.result.error})`);
  if (parsed.offset !== buffer.byteLength)
    throw new Error(`${what}: ${buffer.byteLength - parsed.offset} bytes after the end`);
  return parsed.result;
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return new pkijs.Certificate({ schema: parseAsn1(der, 'certificate') });
}

/** The text of a directory string (UTF8String, PrintableString, BMPString …); hex for anything else. */
export function attributeText(value: unknown): string {
  if (value instanceof asn1js.BaseStringBlock) return value.getValue();
  if (value instanceof asn1js.BaseBlock) return `#${toHex(new Uint8Array(value.toBER(false)))}`;
  return String(value);
}

function escapeRdnValue(text: string): string {
  return text
    .replace(/([,+"\\<>;])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
}

/** In the certificate's own order, as `openssl x509 -subject` shows it: "CN=Nguyễn Văn A, UID=…, O=Ủy ban". */
export function nameToString(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => `${ATTRIBUTE_NAMES[tv.type] ?? tv.type}=${escapeRdnValue(attributeText(tv.value))}`)
    .join(', ');
}

export function nameAttribute(name: pkijs.RelativeDistinguishedNames, oid: string): string | undefined {
  const found = name.typesAndValues.find((tv) => tv.type === oid);
  return found ? attributeText(found.value) : undefined;
}

export function namesEqual(a: pkijs.RelativeDistinguishedNames, b: pkijs.RelativeDistinguishedNames): boolean {
  return a.isEqual(b);
}

export function extensionOf(cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return cert.extensions?.find((e) => e.extnID === oid);
}

/** The URIs of a subjectAltName extension. */
export function altNameUris(extension: pkijs.Extension | undefined): string[] {
  const parsed: unknown = extension?.parsedValue;
  if (!(parsed instanceof pkijs.AltName)) return [];
  return parsed.altNames.filter((n) => n.type === 6 && typeof n.value === 'string').map((n) => n.value as string);
}

/** Our person and device binding: the SAN URIs, the user falling back on the subject's UID. */
export function bindingOf(uris: string[], uid: string | undefined): { userId?: string; deviceId?: string } {
  const user = uris.find((u) => u.startsWith(USER_URN))?.slice(USER_URN.length);
  const device = uris.find((u) => u.startsWith(DEVICE_URN))?.slice(DEVICE_URN.length);
  const out: { userId?: string; deviceId?: string } = {};
  const userId = user ?? uid;
  if (userId) out.userId = userId;
  if (device) out.deviceId = device;
  return out;
}

export function serialHexOfCertificate(cert: pkijs.Certificate): string {
  return serialHexOf(cert.serialNumber.valueBlock.valueHexView);
}

export function isCaCertificate(cert: pkijs.Certificate): boolean {
  const parsed: unknown = extensionOf(cert, OID.basicConstraints)?.parsedValue;
  return parsed instanceof pkijs.BasicConstraints && parsed.cA === true;
}

/** A CA certificate's pathLenConstraint, or null when it sets none. */
export function pathLengthOf(cert: pkijs.Certificate): number | null {
  const parsed: unknown = extensionOf(cert, OID.basicConstraints)?.parsedValue;
  if (!(parsed instanceof pkijs.BasicConstraints) || parsed.pathLenConstraint === undefined) return null;
  const value: unknown = parsed.pathLenConstraint;
  if (typeof value === 'number') return value;
  return value instanceof asn1js.Integer ? value.valueBlock.valueDec : null;
}

/** keyUsage bits (bit 0 = digitalSignature, 1 = nonRepudiation …), or null without the extension. */
export function keyUsageBits(cert: pkijs.Certificate): ((bit: number) => boolean) | null {
  const parsed: unknown = extensionOf(cert, OID.keyUsage)?.parsedValue;
  if (!(parsed instanceof asn1js.BitString)) return null;
  const view = parsed.valueBlock.valueHexView;
  return (bit) => ((view[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0;
}

export async function summarize(cert: pkijs.Certificate, der: Uint8Array): Promise<CertificateSummary> {
  const summary: CertificateSummary = {
    commonName: nameAttribute(cert.subject, OID.commonName) ?? '',
    subject: nameToString(cert.subject),
    issuer: nameToString(cert.issuer),
    serialHex: serialHexOfCertificate(cert),
    fingerprint: await fingerprintOf(der),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    isCa: isCaCertificate(cert),
  };
  const binding = bindingOf(
    altNameUris(extensionOf(cert, OID.subjectAltName)),
    nameAttribute(cert.subject, OID.userId),
  );
  return { ...summary, ...binding };
}

/** What a certificate says: names, serial, fingerprint, validity, our user and device. Throws on non-certificates. */
export async function describeCertificate(der: Uint8Array): Promise<CertificateSummary> {
  return summarize(parseCertificate(der), der);
}
