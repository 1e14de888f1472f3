import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The key-encryption key (KEK) that seals the meeting CA's private key in the database. It
 * lives in a file kept apart from the data folder (by default `<dataDir>.ca-key`, its
 * sibling), so that a copy of the data folder or of the database alone cannot sign.
 *
 * The file holds either key material (64 or more hex digits, as the server writes it and as
 * `openssl rand -hex 32` makes it, or 32 or more bytes that are not UTF-8 text, as
 * `head -c 32 /dev/urandom` makes them), stretched with HKDF; or any other text, a
 * passphrase, stretched with scrypt. The salt and the way are stored with the sealed key.
 */
export interface KeyEncryptionSecret {
  /** The file it was read from (named in every error). */
  file: string;
  kind: 'key' | 'passphrase';
  secret: Buffer;
  /** True when this start wrote the file (removed again if the CA turns out to be another's). */
  created: boolean;
}

export class KeyEncryptionError extends Error {
  override name = 'KeyEncryptionError';
}

/** The default place of the KEK: beside the data folder, never inside it. */
export function defaultKeyFile(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, '')}.ca-key`;
}

const HEX_KEY = /^[0-9a-fA-F]{64,}$/;
const MIN_PASSPHRASE = 12;

export function readKeyFile(file: string): KeyEncryptionSecret {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new KeyEncryptionError(`Cannot read the CA key file ${file}: ${(error as Error).message}`);
  }
  return { file, created: false, ...interpret(file, bytes) };
}

function interpret(file: string, bytes: Buffer): Pick<KeyEncryptionSecret, 'kind' | 'secret'> {
  let text: string | null;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = null;
  }
  if (text === null) {
    if (bytes.length < 32) throw new KeyEncryptionError(`The CA key file ${file} holds fewer than 32 bytes.`);
    return { kind: 'key', secret: bytes };
  }
  const trimmed = text.replace(/\r?\n$/, '');
  if (HEX_KEY.test(trimmed) && trimmed.length % 2 === 0) return { kind: 'key', secret: Buffer.from(trimmed, 'hex') };
  if ([...trimmed].length < MIN_PASSPHRASE)
    throw new KeyEncryptionError(
      `The CA key file ${file} holds a passphrase of fewer than ${MIN_PASSPHRASE} characters (or too short a key).`,
    );
  return { kind: 'passphrase', secret: Buffer.from(trimmed.normalize('NFC'), 'utf8') };
}

/**
 * Makes a new KEK file (32 random bytes in hex, mode 0600) unless one exists; then reads it.
 * Made aside and linked into place, so that nodes sharing the path all read the same key.
 */
export function ensureKeyFile(file: string): KeyEncryptionSecret {
  if (existsSync(file)) return readKeyFile(file);
  const aside = join(dirname(file), `.${process.pid}-${randomBytes(6).toString('hex')}.ca-key.tmp`);
  writeFileSync(aside, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  let created = true;
  try {
    linkSync(aside, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    created = false;
  } finally {
    unlinkSync(aside);
  }
  return { ...readKeyFile(file), created };
}

/** Warns of a key file that others may read (returns the warning, or null). */
export function keyFileModeWarning(file: string): string | null {
  if (process.platform === 'win32') return null;
  const mode = statSync(file).mode & 0o077;
  return mode === 0
    ? null
    : `The CA key file ${file} can be read by others (mode ${(statSync(file).mode & 0o777).toString(8)}): chmod 600 it.`;
}

/** The sealed private key as stored in `meeting_ca.encrypted_key` (JSON). */
interface Sealed {
  v: 1;
  kdf: 'hkdf-sha256' | 'scrypt';
  salt: string;
  /** scrypt's cost (N); r = 8, p = 1. */
  n?: number;
  iv: string;
  tag: string;
  data: string;
}

const SCRYPT_N = 1 << 15;

function deriveKek(secret: KeyEncryptionSecret, sealed: Pick<Sealed, 'kdf' | 'salt' | 'n'>): Buffer {
  const salt = Buffer.from(sealed.salt, 'base64');
  if (sealed.kdf === 'hkdf-sha256')
    return Buffer.from(hkdfSync('sha256', secret.secret, salt, 'paperless-cabinet meeting CA key', 32));
  const n = sealed.n ?? SCRYPT_N;
  return scryptSync(secret.secret, salt, 32, { N: n, r: 8, p: 1, maxmem: 256 * n * 8 + 1024 * 1024 });
}

/** Seals `plain` (the PKCS#8 DER of the CA key); `context` (the CA's fingerprint) is bound to it. */
export function sealPrivateKey(secret: KeyEncryptionSecret, plain: Uint8Array, context: string): string {
  const header = {
    kdf: secret.kind === 'key' ? ('hkdf-sha256' as const) : ('scrypt' as const),
    salt: randomBytes(16).toString('base64'),
    ...(secret.kind === 'passphrase' ? { n: SCRYPT_N } : {}),
  };
  const kek = deriveKek(secret, header);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(`meeting-ca-key:v1:${context}`));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  const sealed: Sealed = {
    v: 1,
    ...header,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  return JSON.stringify(sealed);
}

/** Opens a sealed key; null when this KEK is not the one it was sealed with. */
export function openPrivateKey(secret: KeyEncryptionSecret, stored: string, context: string): Buffer | null {
  const sealed = JSON.parse(stored) as Sealed;
  if (sealed.v !== 1) throw new KeyEncryptionError(`Unknown format of the sealed CA key (${String(sealed.v)}).`);
  const kek = deriveKek(secret, sealed);
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(`meeting-ca-key:v1:${context}`));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}
