import { generateKeyPairSync, webcrypto, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';
import type { MeetingCa } from './meeting-ca.js';
import {
  asFields,
  certificateDer,
  certificatePem,
  randomSerialHex,
  sha256Hex,
  subjectAsIssuer,
  subjectKeyIdentifierBytes,
  utf8Attribute,
  wholeSeconds,
  type NameAttribute,
} from './x509.js';

/** The LDAP `uid` attribute (RFC 4519): the user's id in a device certificate's subject. */
export const UID_OID = '0.9.2342.19200300.100.1.1';
/** A certificate a device has is valid this long unless told otherwise. */
export const DEVICE_CERTIFICATE_DAYS = 730;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Devices' clocks run a little wrong: a certificate is valid from a few minutes before its issue. */
const BACKDATE_MS = 10 * 60 * 1000;
const MIN_RSA_BITS = 2048;
const MAX_RSA_BITS = 4096;

export interface IssuedCertificate {
  der: Uint8Array;
  pem: string;
  /** Lower-case hex, as forge and the CRL name it. */
  serialHex: string;
  /** SHA-256 of the DER, lower-case hex. */
  fingerprint: string;
  notBefore: Date;
  notAfter: Date;
}

export type CertificateRequestProblem = 'MALFORMED' | 'BAD_SIGNATURE' | 'UNSUPPORTED_KEY' | 'WEAK_KEY';

/** A certificate request refused before anything was issued. */
export class CertificateRequestError extends Error {
  override name = 'CertificateRequestError';
  constructor(
    readonly problem: CertificateRequestProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface DeviceHolder {
  userId: string;
  deviceId: string;
  displayName: string;
}

/**
 * Issues a device's signing certificate from its PKCS#10 request. The request's own signature
 * must hold (the device has the key) and its key must be RSA of 2048 bits or more; its
 * subject is not used: the certificate names whom the server says (`who`).
 */
export function issueDeviceCertificate(
  ca: MeetingCa,
  csrDer: Uint8Array,
  who: DeviceHolder,
  now: Date,
  validityDays = DEVICE_CERTIFICATE_DAYS,
): IssuedCertificate {
  const publicKey = readRequestKey(csrDer);
  return sign(ca, {
    publicKey,
    subject: [utf8Attribute({ name: 'commonName' }, who.displayName), utf8Attribute({ type: UID_OID }, who.userId)],
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true, emailProtection: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 6, value: `urn:cabinet:user:${who.userId}` },
          { type: 6, value: `urn:cabinet:device:${who.deviceId}` },
        ],
      },
    ],
    now,
    validityMs: validityDays * DAY_MS,
  });
}

/** Parses and checks a CSR; its public key. */
function readRequestKey(csrDer: Uint8Array): forge.pki.rsa.PublicKey {
  let csr: ReturnType<typeof forge.pki.certificationRequestFromAsn1>;
  try {
    // forge's defaults: strict DER, every byte parsed.
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(csrDer).toString('binary')));
    csr = forge.pki.certificationRequestFromAsn1(asn1);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/OID is not RSA|public key/i.test(message))
      throw new CertificateRequestError('UNSUPPORTED_KEY', 'Only RSA keys of 2048 bits or more are accepted.');
    throw new CertificateRequestError('MALFORMED', `The certificate request cannot be read: ${message}`);
  }
  const key = csr.publicKey as forge.pki.rsa.PublicKey | null;
  if (!key?.n || !key.e) throw new CertificateRequestError('UNSUPPORTED_KEY', 'Only RSA keys are accepted.');
  // forge checks the request's signature in JavaScript: a huge public exponent would hold the
  // event loop for seconds. Every key a device makes (WebCrypto, Node) uses 65537.
  if (key.e.toString(16) !== '10001')
    throw new CertificateRequestError('UNSUPPORTED_KEY', 'Only RSA keys with the public exponent 65537 are accepted.');
  const bits = key.n.bitLength();
  if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS)
    throw new CertificateRequestError(
      'WEAK_KEY',
      `The key has ${bits} bits: RSA keys of ${MIN_RSA_BITS} to ${MAX_RSA_BITS} bits are accepted.`,
    );
  let valid = false;
  try {
    valid = csr.verify();
  } catch {
    valid = false;
  }
  if (!valid) throw new CertificateRequestError('BAD_SIGNATURE', "The certificate request's signature does not hold.");
  return key;
}

export interface ServerCertificate extends IssuedCertificate {
  /** PKCS#8 PEM of its fresh key. */
  keyPem: string;
  /** The certificate followed by the CA's: what the TLS server sends, so a client can find our CA. */
  chainPem: string;
  names: string[];
}

/**
 * The TLS certificate of this start (DNS names and IP addresses), with a fresh key. Issued at
 * every start (cheap), never stored.
 */
export function issueServerCertificate(ca: MeetingCa, names: string[], now: Date): ServerCertificate {
  if (names.length === 0) throw new Error('A server certificate needs at least one name or address.');
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const altNames = names.map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name }));
  const issued = sign(ca, {
    publicKey: forgePublicKey(pair.publicKey),
    subject: [utf8Attribute({ name: 'commonName' }, names[0] ?? 'localhost')],
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
    now,
    validityMs: 397 * DAY_MS,
  });
  return {
    ...issued,
    keyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    chainPem: issued.pem + ca.certificatePem,
    names,
  };
}

export interface ResultsSigner {
  certificateDer: Uint8Array;
  certificatePem: string;
  /** RSASSA-PKCS1-v1_5 / SHA-256, not extractable: a CMS signer (pkijs). */
  privateKey: webcrypto.CryptoKey;
  fingerprint: string;
}

/**
 * The key with which this node signs results (vote results, minutes): made at each start,
 * kept in memory, certified by the meeting CA.
 */
export async function issueResultsSigner(ca: MeetingCa, nodeName: string, now: Date): Promise<ResultsSigner> {
  const pair = await webcrypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  const spki = await webcrypto.subtle.exportKey('spki', pair.publicKey);
  const publicKey = forge.pki.publicKeyFromAsn1(
    forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(spki).toString('binary'))),
  ) as forge.pki.rsa.PublicKey;
  const issued = sign(ca, {
    publicKey,
    subject: [
      utf8Attribute({ name: 'commonName' }, `Máy chủ phòng họp — ký kết quả (${nodeName})`),
      utf8Attribute({ name: 'organizationName' }, organizationOf(ca)),
    ],
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
      { name: 'extKeyUsage', emailProtection: true },
    ],
    now,
    validityMs: 397 * DAY_MS,
  });
  return {
    certificateDer: issued.der,
    certificatePem: issued.pem,
    privateKey: pair.privateKey,
    fingerprint: issued.fingerprint,
  };
}

function organizationOf(ca: MeetingCa): string {
  const field = ca.forgeCertificate.subject.getField('O') as NameAttribute | null;
  if (!field) return 'Paperless Cabinet';
  return field.valueTagClass === forge.asn1.Type.UTF8 ? forge.util.decodeUtf8(field.value) : field.value;
}

function forgePublicKey(key: KeyObject): forge.pki.rsa.PublicKey {
  const spki = key.export({ type: 'spki', format: 'der' });
  return forge.pki.publicKeyFromAsn1(
    forge.asn1.fromDer(forge.util.createBuffer(spki.toString('binary'))),
  ) as forge.pki.rsa.PublicKey;
}

interface ToSign {
  publicKey: forge.pki.PublicKey;
  subject: NameAttribute[];
  extensions: object[];
  now: Date;
  validityMs: number;
}

function sign(ca: MeetingCa, what: ToSign): IssuedCertificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = what.publicKey;
  cert.serialNumber = randomSerialHex();
  const notBefore = wholeSeconds(new Date(what.now.getTime() - BACKDATE_MS));
  let notAfter = wholeSeconds(new Date(what.now.getTime() + what.validityMs));
  // Never beyond the CA itself.
  if (notAfter > ca.forgeCertificate.validity.notAfter) notAfter = ca.forgeCertificate.validity.notAfter;
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject(asFields(what.subject));
  cert.setIssuer(subjectAsIssuer(ca.forgeCertificate));
  cert.setExtensions([
    ...what.extensions,
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: subjectKeyIdentifierBytes(ca.forgeCertificate) },
  ]);
  cert.sign(ca.forgeKey, forge.md.sha256.create());
  const der = certificateDer(cert);
  return {
    der,
    pem: certificatePem(cert),
    serialHex: cert.serialNumber,
    fingerprint: sha256Hex(der),
    notBefore,
    notAfter,
  };
}
