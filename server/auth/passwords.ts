import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt with Node's own crypto: memory-hard, no native dependency to build.
 *
 * OWASP's Password Storage Cheat Sheet asks for N=2^17, r=8, p=1 or one of the settings it
 * lists as equivalent (2^16/8/2, 2^15/8/3, 2^14/8/5, 2^13/8/10). We take 2^14/8/5 because
 * one small LAN server must sign in a room of 500 delegates at the start of a session.
 * Measured here, 2^14/8/5 takes 0.2 to 0.25 s and 16 MiB per hash (Node runs the p lanes one
 * after another in the same memory), 2^17/8/1 0.7 to 0.85 s and 128 MiB: about 2 CPU-minutes
 * for the room instead of 6 to 7, and 64 MiB instead of 512 MiB while libuv's four threads hash.
 */
const PARAMS = { N: 2 ** 14, r: 8, p: 5 } as const;
const KEY_LENGTH = 64;
/**
 * The stored string sets the cost of a check, so this cap bounds what one sign-in may take:
 * room for every hash on OWASP's list (2^17/8/1 needs a little over 128 MiB), not for a
 * corrupt one asking for gigabytes.
 */
const MAX_MEMORY = 256 * 1024 * 1024;

interface StoredHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: MAX_MEMORY }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

function parse(stored: string): StoredHash | null {
  const parts = stored.split('$');
  const [scheme, n, r, p, salt, key] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt' || !salt || !key) return null;
  const count = (v: string | undefined) => (v !== undefined && /^[1-9][0-9]{0,9}$/.test(v) ? Number(v) : null);
  const [N, R, P] = [count(n), count(r), count(p)];
  if (N === null || R === null || P === null) return null;
  return { N, r: R, p: P, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * A password the server made (a one-time password of an imported or reset account): 14
 * characters from 56, some 81 random bits, which no work factor needs to protect against a
 * guess, hashed at 1/80 of the cost so that an office importing 2000 people is not kept
 * waiting minutes (nor are the sign-ins behind it on the hashing threads). The hash counts
 * as too cheap (`needsRehash`), so the first sign-in stores it at the full cost.
 */
export async function hashGeneratedPassword(password: string): Promise<string> {
  const light = { N: 2 ** 10, r: 8, p: 1 } as const;
  const salt = randomBytes(16);
  const key = await derive(password, salt, light);
  return ['scrypt', light.N, light.r, light.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const hash = parse(stored);
  if (!hash) return false;
  const actual = await derive(password, hash.salt, { N: hash.N, r: hash.r, p: hash.p });
  return actual.length === hash.key.length && timingSafeEqual(actual, hash.key);
}

/**
 * True when a stored hash costs less than a new one in time (N·r·p) or in memory (N·r): it
 * is then replaced at the next successful sign-in. A hash at least as costly on both counts
 * (OWASP's 2^17/8/1, say) is kept, so the upgrade never lowers a cost.
 */
export function needsRehash(stored: string): boolean {
  const hash = parse(stored);
  if (!hash) return true;
  return hash.N * hash.r * hash.p < PARAMS.N * PARAMS.r * PARAMS.p || hash.N * hash.r < PARAMS.N * PARAMS.r;
}

/** A hash to check against when the user does not exist, so timing does not tell. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

/** Readable generated passwords (no 0/O, 1/l/I) for demo accounts and first admins. */
export function generatePassword(length = 14): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
