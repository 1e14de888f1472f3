import { execFile, execFileSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, randomBytes, webcrypto } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import * as asn1js from 'asn1js';
import { importSigningKey } from '../../server/signatures/pkcs12.js';
import type { CmsSigner, SigningKey } from '../../shared/signatures/index.js';

/**
 * A test PKI: CAs and leaf certificates bound to a person and a device the way the meeting
 * CA binds them (CN = display name as UTF8String, UID = user id, subjectAltName URIs
 * `urn:cabinet:user:<id>` and `urn:cabinet:device:<id>`), with chosen validity and key
 * usage, written as PEM and PKCS#12 (forge's and OpenSSL's). Keys are made once per slot
 * name and process, so a test file pays ~120 ms a key once.
 */

const run = promisify(execFile);
const DAY = 86_400_000;
const UTF8 = forge.asn1.Type.UTF8;
const ORGANIZATION = 'Ủy ban nhân dân thử nghiệm';

export interface TestCa {
  name: string;
  /** The subject as forge is given it (a parsed one would re-encode UTF-8 twice as an issuer). */
  subject: forge.pki.CertificateField[];
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  der: Uint8Array;
  pem: string;
  keyPem: string;
  /** WebCrypto RSASSA-PKCS1-v1_5 SHA-256 key (CRLs). */
  signingKey: SigningKey;
}

export interface TestIdentity {
  userId: string;
  deviceId: string;
  name: string;
  der: Uint8Array;
  pem: string;
  /** PKCS#8 PEM. */
  keyPem: string;
  serialHex: string;
  ca: TestCa;
  signer: CmsSigner;
}

export interface LeafOptions {
  userId: string;
  deviceId: string;
  name: string;
  notBefore?: Date;
  notAfter?: Date;
  /** 'sign' (default): digitalSignature + nonRepudiation; 'encipher': keyEncipherment only. */
  usage?: 'sign' | 'encipher';
  /** 'rsa' (default) or 'ec' (P-256; issued through pkijs since forge knows no EC keys). */
  keyType?: 'rsa' | 'ec';
  /** The O of the subject (default Vietnamese; forge's PKCS#7 signer needs ASCII names). */
  organization?: string;
  /** A key slot: identities with the same slot share a key (default: the user and device). */
  keySlot?: string;
}

const rsaKeys = new Map<string, forge.pki.rsa.KeyPair>();

/** An RSA 2048 key pair per slot, made once per process (forge uses Node's native keygen). */
export function rsaKey(slot: string): forge.pki.rsa.KeyPair {
  let pair = rsaKeys.get(slot);
  if (!pair) {
    pair = forge.pki.rsa.generateKeyPair({ bits: 2048 });
    rsaKeys.set(slot, pair);
  }
  return pair;
}

export function toDer(cert: forge.pki.Certificate): Uint8Array {
  return new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'));
}

export function pemOf(der: Uint8Array, label = 'CERTIFICATE'): string {
  const body = (
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? []
  ).join('\n');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

function pkcs8Der(key: forge.pki.rsa.PrivateKey): Uint8Array {
  const asn1 = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key));
  return new Uint8Array(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
}

function serial(): string {
  const bytes = randomBytes(12);
  bytes[0] = (bytes[0]! & 0x3f) | 0x10;
  return bytes.toString('hex');
}

type Field = forge.pki.CertificateField;
const utf8 = (field: { shortName: string } | { type: string }, value: string): Field =>
  ({ ...field, value: value.normalize('NFC'), valueTagClass: UTF8 }) as unknown as Field;

export async function makeCa(
  commonName = 'Phòng họp không giấy — CA thử nghiệm',
  options: { notBefore?: Date; notAfter?: Date; keySlot?: string; organization?: string } = {},
): Promise<TestCa> {
  const pair = rsaKey(options.keySlot ?? `ca:${commonName}`);
  const cert = forge.pki.createCertificate();
  cert.publicKey = pair.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = options.notBefore ?? new Date(Date.now() - 365 * DAY);
  cert.validity.notAfter = options.notAfter ?? new Date(Date.now() + 3650 * DAY);
  const subject = [
    utf8({ shortName: 'CN' }, commonName),
    utf8({ shortName: 'O' }, options.organization ?? ORGANIZATION),
    { shortName: 'C', value: 'VN' } as Field,
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(pair.privateKey, forge.md.sha256.create());
  const der = toDer(cert);
  const pkcs8 = pkcs8Der(pair.privateKey);
  return {
    name: commonName,
    subject,
    cert,
    key: pair.privateKey,
    der,
    pem: pemOf(der),
    keyPem: pemOf(pkcs8, 'PRIVATE KEY'),
    signingKey: await importSigningKey(pkcs8),
  };
}

function leafValidity(options: LeafOptions): { notBefore: Date; notAfter: Date } {
  return {
    notBefore: options.notBefore ?? new Date(Date.now() - 30 * DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 365 * DAY),
  };
}

/** A leaf certificate bound to (userId, deviceId, name), issued by `ca`. */
export async function issueLeaf(ca: TestCa, options: LeafOptions): Promise<TestIdentity> {
  if (options.keyType === 'ec') return issueEcLeaf(ca, options);
  const pair = rsaKey(options.keySlot ?? `leaf:${options.userId}:${options.deviceId}`);
  const cert = forge.pki.createCertificate();
  cert.publicKey = pair.publicKey;
  cert.serialNumber = serial();
  const validity = leafValidity(options);
  cert.validity.notBefore = validity.notBefore;
  cert.validity.notAfter = validity.notAfter;
  cert.setSubject([
    utf8({ shortName: 'CN' }, options.name),
    utf8({ type: '0.9.2342.19200300.100.1.1' }, options.userId),
    utf8({ shortName: 'O' }, options.organization ?? ORGANIZATION),
  ]);
  cert.setIssuer(ca.subject);
  const usage =
    options.usage === 'encipher'
      ? { name: 'keyUsage', keyEncipherment: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true };
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    usage,
    {
      name: 'subjectAltName',
      altNames: [
        { type: 6, value: `urn:cabinet:user:${options.userId}` },
        { type: 6, value: `urn:cabinet:device:${options.deviceId}` },
      ],
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  const der = toDer(cert);
  const pkcs8 = pkcs8Der(pair.privateKey);
  return identity(ca, options, der, pkcs8, cert.serialNumber);
}

async function identity(
  ca: TestCa,
  options: LeafOptions,
  der: Uint8Array,
  pkcs8: Uint8Array,
  serialHex: string,
): Promise<TestIdentity> {
  return {
    userId: options.userId,
    deviceId: options.deviceId,
    name: options.name,
    der,
    pem: pemOf(der),
    keyPem: pemOf(pkcs8, 'PRIVATE KEY'),
    serialHex,
    ca,
    signer: { certificate: der, chain: [ca.der], privateKey: await importSigningKey(pkcs8) },
  };
}

/** An ECDSA P-256 leaf: pkijs builds and signs it (forge cannot hold an EC public key). */
async function issueEcLeaf(ca: TestCa, options: LeafOptions): Promise<TestIdentity> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pkcs8 = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const publicKey = await webcrypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'verify',
  ]);
  const caCert = new pkijs.Certificate({ schema: asn1js.fromBER(Buffer.from(ca.der)).result });
  const cert = new pkijs.Certificate();
  const serialHex = serial();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: Buffer.from(serialHex, 'hex') });
  cert.issuer = caCert.subject;
  const text = (type: string, value: string): pkijs.AttributeTypeAndValue =>
    new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value: value.normalize('NFC') }) });
  cert.subject.typesAndValues.push(text('2.5.4.3', options.name), text('0.9.2342.19200300.100.1.1', options.userId));
  const validity = leafValidity(options);
  cert.notBefore.value = validity.notBefore;
  cert.notAfter.value = validity.notAfter;
  await cert.subjectPublicKeyInfo.importKey(publicKey);
  const altNames = new pkijs.GeneralNames({
    names: [
      new pkijs.GeneralName({ type: 6, value: `urn:cabinet:user:${options.userId}` }),
      new pkijs.GeneralName({ type: 6, value: `urn:cabinet:device:${options.deviceId}` }),
    ],
  });
  const keyUsage = new asn1js.BitString({ valueHex: new Uint8Array([0xc0]).buffer, unusedBits: 6 });
  cert.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: false,
      extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false),
    }),
    new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: keyUsage.toBER(false) }),
    new pkijs.Extension({ extnID: '2.5.29.17', critical: false, extnValue: altNames.toSchema().toBER(false) }),
  ];
  await cert.sign(ca.signingKey, 'SHA-256');
  const der = new Uint8Array(cert.toSchema(true).toBER(false));
  return identity(ca, options, der, pkcs8, serialHex);
}

/** A PKCS#12 made by forge (AES-256 or 3DES), key + certificate + CA. */
export function pkcs12Bytes(id: TestIdentity, password: string, algorithm: 'aes256' | '3des' = 'aes256'): Buffer {
  const key = forge.pki.privateKeyFromPem(id.keyPem);
  const certs = [forge.pki.certificateFromPem(id.pem), id.ca.cert];
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, password, { algorithm, friendlyName: id.name });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** A PKCS#12 made by `openssl pkcs12 -export` with OpenSSL 3's defaults (AES-256-CBC, PBKDF2). */
export async function opensslPkcs12(
  id: TestIdentity,
  dir: string,
  password: string,
  file = 'openssl.p12',
): Promise<string> {
  const keyFile = join(dir, `${file}.key.pem`);
  const certFile = join(dir, `${file}.cert.pem`);
  const caFile = join(dir, `${file}.ca.pem`);
  writeFileSync(keyFile, id.keyPem);
  writeFileSync(certFile, id.pem);
  writeFileSync(caFile, id.ca.pem);
  const out = join(dir, file);
  await run('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    keyFile,
    '-in',
    certFile,
    '-certfile',
    caFile,
    '-out',
    out,
    '-passout',
    `pass:${password}`,
  ]);
  return out;
}

/**
 * Whether `openssl cms -verify` accepts a detached signature (base64 DER) over `content`,
 * trusting only `caPem`; `extra` options such as `-cades`. Its files go to a new folder in `work`.
 */
export function opensslAcceptsCms(
  work: string,
  content: string,
  signatureB64: string,
  caPem: string,
  extra: string[] = [],
): boolean {
  const dir = mkdtempSync(join(work, 'cms-'));
  const file = (name: string) => join(dir, name);
  writeFileSync(file('content'), content);
  writeFileSync(file('sig.der'), Buffer.from(signatureB64, 'base64'));
  writeFileSync(file('ca.pem'), caPem);
  const detached = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', file('sig.der'), '-content', file('content')];
  const trust = ['-CAfile', file('ca.pem'), '-purpose', 'any', '-out', file('out')];
  try {
    execFileSync('openssl', [...detached, ...trust, ...extra], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
