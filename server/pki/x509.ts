import { createHash, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** Small helpers around node-forge's certificates, shared by the CA and its issuance. */

/** A random positive serial of 16 bytes, as forge wants it (hex; the top bit clear, never a leading zero byte). */
export function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return bytes.toString('hex');
}

/** SHA-256 of DER, lower-case hex. */
export function sha256Hex(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/** `AB:CD:…`, as browsers and `openssl x509 -fingerprint -sha256` show it. */
export function displayFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(':');
}

export function certificateDer(cert: forge.pki.Certificate): Uint8Array {
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

/** PEM with LF line ends (forge writes CRLF). */
export function certificatePem(cert: forge.pki.Certificate): string {
  return forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n');
}

/** A name attribute as forge builds and reads it (its types lack `valueTagClass` as a tag). */
export interface NameAttribute {
  name?: string;
  type?: string;
  value: string;
  valueTagClass?: number;
}

/** A name attribute as UTF8String (Vietnamese names): forge encodes the plain string itself. */
export function utf8Attribute(field: { name: string } | { type: string }, value: string): NameAttribute {
  return { ...field, value, valueTagClass: forge.asn1.Type.UTF8 };
}

/** For `setSubject` / `setIssuer`. */
export function asFields(attributes: NameAttribute[]): forge.pki.CertificateField[] {
  return attributes as unknown as forge.pki.CertificateField[];
}

/**
 * A parsed certificate's subject, ready to be another certificate's issuer. forge reads a
 * UTF8String as its bytes but encodes the value it is given: decoded here, or the issuer
 * would be encoded twice and no longer match the CA's subject.
 */
export function subjectAsIssuer(cert: forge.pki.Certificate): forge.pki.CertificateField[] {
  return asFields(
    (cert.subject.attributes as unknown as NameAttribute[]).map((a) => {
      const copy: NameAttribute = { value: a.value };
      if (a.type !== undefined) copy.type = a.type;
      if (a.valueTagClass !== undefined) copy.valueTagClass = a.valueTagClass;
      if (a.valueTagClass === forge.asn1.Type.UTF8) copy.value = forge.util.decodeUtf8(a.value);
      return copy;
    }),
  );
}

/** The CA's subjectKeyIdentifier as forge's byte string (for an authorityKeyIdentifier). */
export function subjectKeyIdentifierBytes(cert: forge.pki.Certificate): string {
  const ext = cert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | undefined;
  if (ext?.subjectKeyIdentifier) return forge.util.hexToBytes(ext.subjectKeyIdentifier);
  return cert.generateSubjectKeyIdentifier().getBytes();
}

/** X.509 times have whole seconds. */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
