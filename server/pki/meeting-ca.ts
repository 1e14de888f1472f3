import { createPrivateKey, generateKeyPairSync, webcrypto } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import type { Store } from '../db/store.js';
import {
  defaultKeyFile,
  ensureKeyFile,
  KeyEncryptionError,
  openPrivateKey,
  readKeyFile,
  sealPrivateKey,
  type KeyEncryptionSecret,
} from './key-encryption.js';
import {
  asFields,
  certificateDer,
  certificatePem,
  displayFingerprint,
  randomSerialHex,
  sha256Hex,
  utf8Attribute,
  wholeSeconds,
} from './x509.js';

/** The folder in the data folder with the CA's public certificate (read by `cabinet verify`). */
export const CA_DIR = 'ca';
export const CA_CERTIFICATE_FILE = 'meeting-ca.pem';
export const DEFAULT_CA_ORGANIZATION = 'Paperless Cabinet';
const CA_LOCK = 'meeting-ca:create';
const CA_YEARS = 20;

/** The meeting CA as a started server holds it: the certificate, and its key in memory only. */
export interface MeetingCa {
  readonly certificatePem: string;
  readonly certificateDer: Uint8Array;
  /** SHA-256 of the DER, lower-case hex. */
  readonly fingerprint: string;
  /** The same, `AB:CD:…`. */
  readonly fingerprintDisplay: string;
  readonly createdAt: string;
  /** Where the public certificate was written in the data folder. */
  readonly certificateFile: string;
  readonly forgeCertificate: forge.pki.Certificate;
  readonly forgeKey: forge.pki.rsa.PrivateKey;
  /** RSASSA-PKCS1-v1_5 with SHA-256, not extractable: for pkijs (CRLs, CMS). */
  signingKey(): Promise<webcrypto.CryptoKey>;
}

export interface MeetingCaOptions {
  dataDir: string;
  /** The KEK file; absent: `<dataDir>.ca-key`, made if the CA is made now. */
  keyFile?: string | undefined;
  /** The O of a new CA's name (default "Paperless Cabinet"); an existing CA keeps its own. */
  organization?: string | undefined;
  now: Date;
}

export class MeetingCaError extends Error {
  override name = 'MeetingCaError';
}

interface CaRow {
  certificate_pem: string;
  encrypted_key: string;
  fingerprint: string;
  created_at: string;
}

/** `meeting_ca` (migration 070), known to this module only. */
type CaTables = { meeting_ca: CaRow & { id: number } };

/**
 * Reads the meeting CA from the database, or makes it on the first start (under a lock: nodes
 * starting together on one PostgreSQL make one). Opens its private key with the KEK, keeps it
 * in memory, and writes the public certificate to `<dataDir>/ca/meeting-ca.pem`.
 */
export async function loadMeetingCa(store: Store, options: MeetingCaOptions): Promise<MeetingCa> {
  const db = store.db.withTables<CaTables>();
  const keyFile = options.keyFile ?? defaultKeyFile(options.dataDir);
  const given = options.keyFile !== undefined;
  const select = () =>
    db.selectFrom('meeting_ca').select(['certificate_pem', 'encrypted_key', 'fingerprint', 'created_at']);
  let row = await select().executeTakeFirst();
  let secret: KeyEncryptionSecret;
  if (row) {
    secret = readExistingKey(keyFile, given, row);
  } else {
    secret = given ? readKeyFile(keyFile) : ensureKeyFile(keyFile);
    const fresh = makeCaCertificate(secret, options.organization ?? DEFAULT_CA_ORGANIZATION, options.now);
    row = await store.transaction(async (tx) => {
      await store.lockName(tx, CA_LOCK);
      const txdb = tx.withTables<CaTables>();
      const existing = await txdb
        .selectFrom('meeting_ca')
        .select(['certificate_pem', 'encrypted_key', 'fingerprint', 'created_at'])
        .executeTakeFirst();
      if (existing) return existing;
      await txdb
        .insertInto('meeting_ca')
        .values({ id: 1, ...fresh })
        .execute();
      return fresh;
    });
  }
  const plain = openPrivateKey(secret, row.encrypted_key, row.fingerprint);
  if (!plain) {
    // A key this start made for a CA another node made first is of no use to anyone.
    if (secret.created) rmSync(secret.file, { force: true });
    throw new MeetingCaError(wrongKeyMessage(keyFile, given, row));
  }
  return openedCa(row, plain, options.dataDir);
}

function readExistingKey(keyFile: string, given: boolean, row: CaRow): KeyEncryptionSecret {
  try {
    return readKeyFile(keyFile);
  } catch (error) {
    if (!(error instanceof KeyEncryptionError)) throw error;
    throw new MeetingCaError(
      `${error.message}\nThe database already holds the meeting CA (SHA-256 ${displayFingerprint(row.fingerprint)}, ` +
        `made ${row.created_at}); its private key is sealed with the key in the file the first start wrote. ` +
        `Copy that file (from the node or backup that has it) to ${keyFile}` +
        (given ? '.' : ', or give its path with --ca-key-file (CABINET_CA_KEY_FILE).'),
    );
  }
}

function wrongKeyMessage(keyFile: string, given: boolean, row: CaRow): string {
  return (
    `The key in ${keyFile} does not open the meeting CA's private key in the database ` +
    `(CA SHA-256 ${displayFingerprint(row.fingerprint)}, made ${row.created_at}). Every node and every restart ` +
    `needs the key file of the start that made the CA: copy that file to ${keyFile}` +
    (given ? '' : ' or give its path with --ca-key-file (CABINET_CA_KEY_FILE)') +
    '. A new key cannot replace it: the devices trust this CA.'
  );
}

function makeCaCertificate(secret: KeyEncryptionSecret, organization: string, now: Date): CaRow {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
  const spki = pair.publicKey.export({ type: 'spki', format: 'der' });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(spki.toString('binary'))));
  cert.serialNumber = randomSerialHex();
  const from = wholeSeconds(new Date(now.getTime() - 60 * 60 * 1000));
  const to = new Date(from);
  to.setUTCFullYear(to.getUTCFullYear() + CA_YEARS);
  cert.validity.notBefore = from;
  cert.validity.notAfter = to;
  const name = [
    utf8Attribute({ name: 'commonName' }, `${organization} Meeting CA`),
    utf8Attribute({ name: 'organizationName' }, organization),
  ];
  cert.setSubject(asFields(name));
  cert.setIssuer(asFields(name));
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  const forgeKey = forge.pki.privateKeyFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(pkcs8.toString('binary'))));
  cert.sign(forgeKey, forge.md.sha256.create());
  const der = certificateDer(cert);
  const fingerprint = sha256Hex(der);
  return {
    certificate_pem: certificatePem(cert),
    encrypted_key: sealPrivateKey(secret, pkcs8, fingerprint),
    fingerprint,
    created_at: now.toISOString(),
  };
}

function openedCa(row: CaRow, pkcs8: Buffer, dataDir: string): MeetingCa {
  const forgeCertificate = forge.pki.certificateFromPem(row.certificate_pem);
  const der = certificateDer(forgeCertificate);
  if (sha256Hex(der) !== row.fingerprint)
    throw new MeetingCaError('The meeting CA in the database does not match its fingerprint.');
  const forgeKey = forge.pki.privateKeyFromAsn1(
    forge.asn1.fromDer(forge.util.createBuffer(pkcs8.toString('binary'))),
  ) as forge.pki.rsa.PrivateKey;
  const publicKey = forgeCertificate.publicKey as forge.pki.rsa.PublicKey;
  if (publicKey.n.compareTo(forgeKey.n) !== 0)
    throw new MeetingCaError('The meeting CA key does not match its certificate.');
  // Node's own handle of the key, from which WebCrypto imports it unextractable.
  const nodeKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  pkcs8.fill(0);
  let signing: Promise<webcrypto.CryptoKey> | null = null;
  const pem = certificatePem(forgeCertificate);
  const certificateFile = writePublicCertificate(dataDir, pem);
  return {
    certificatePem: pem,
    certificateDer: der,
    fingerprint: row.fingerprint,
    fingerprintDisplay: displayFingerprint(row.fingerprint),
    createdAt: row.created_at,
    certificateFile,
    forgeCertificate,
    forgeKey,
    signingKey() {
      signing ??= webcrypto.subtle.importKey(
        'pkcs8',
        nodeKey.export({ type: 'pkcs8', format: 'der' }),
        { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      return signing;
    },
  };
}

/** The public certificate for the offline `cabinet verify`, written (atomically) at every start. */
function writePublicCertificate(dataDir: string, pem: string): string {
  const dir = join(dataDir, CA_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = join(dir, CA_CERTIFICATE_FILE);
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, pem, { mode: 0o644 });
  renameSync(aside, file);
  return file;
}
