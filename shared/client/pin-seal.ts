import { z } from 'zod';
import { fromBase64, toBase64 } from './base64.js';
import type { CryptoKeyLike, KeyAlgorithmLike, WebCryptoLike } from './web-crypto.js';

/**
 * The PIN layer of a device's private key: its PKCS#8 encrypted with AES-256-GCM under a key
 * derived from the PIN (PBKDF2-SHA-256, 310 000 iterations, a random 16-byte salt). Opening
 * it unwraps the key straight into a non-extractable CryptoKey: the plain PKCS#8 never comes
 * back into JavaScript. A wrong PIN fails the GCM tag, which is how it is told apart.
 */

export const PIN_KDF_ITERATIONS = 310_000;

const SigningAlgorithmSchema = z.union([
  z.object({ name: z.literal('RSASSA-PKCS1-v1_5'), hash: z.literal('SHA-256') }),
  z.object({ name: z.literal('ECDSA'), namedCurve: z.enum(['P-256', 'P-384']) }),
]);
export type SigningAlgorithm = z.infer<typeof SigningAlgorithmSchema>;
export const RSA_SIGNING: SigningAlgorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };

export const PinSealedKeySchema = z.object({
  format: z.literal('cabinet/pin-sealed-key/v1'),
  kdf: z.object({
    name: z.literal('PBKDF2'),
    hash: z.literal('SHA-256'),
    iterations: z.number().int().min(PIN_KDF_ITERATIONS),
    salt: z.string(),
  }),
  cipher: z.object({ name: z.literal('AES-GCM'), iv: z.string() }),
  /** What the key signs with once unwrapped. */
  algorithm: SigningAlgorithmSchema,
  data: z.string(),
});
export type PinSealedKey = z.infer<typeof PinSealedKeySchema>;

function utf8(text: string): Uint8Array {
  // A PIN is digits only: ASCII is UTF-8.
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0) & 0x7f));
}

async function pinKey(
  crypto: WebCryptoLike,
  pin: string,
  salt: Uint8Array,
  iterations: number,
): Promise<CryptoKeyLike> {
  const material = await crypto.subtle.importKey('raw', utf8(pin), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'wrapKey', 'unwrapKey'],
  );
}

async function freshParameters(crypto: WebCryptoLike, pin: string) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await pinKey(crypto, pin, salt, PIN_KDF_ITERATIONS);
  return { salt, iv, key };
}

function sealed(salt: Uint8Array, iv: Uint8Array, algorithm: SigningAlgorithm, data: ArrayBuffer): PinSealedKey {
  return {
    format: 'cabinet/pin-sealed-key/v1',
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: PIN_KDF_ITERATIONS, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    algorithm,
    data: toBase64(new Uint8Array(data)),
  };
}

/** Seals a key WebCrypto made (extractable, so that it can be wrapped; drop it afterwards). */
export async function sealKeyWithPin(
  crypto: WebCryptoLike,
  privateKey: CryptoKeyLike,
  algorithm: SigningAlgorithm,
  pin: string,
): Promise<PinSealedKey> {
  const { salt, iv, key } = await freshParameters(crypto, pin);
  const data = await crypto.subtle.wrapKey('pkcs8', privateKey, key, { name: 'AES-GCM', iv });
  return sealed(salt, iv, algorithm, data);
}

/** Seals PKCS#8 bytes (an imported PKCS#12's key); the caller wipes them afterwards. */
export async function sealPkcs8WithPin(
  crypto: WebCryptoLike,
  pkcs8: Uint8Array,
  algorithm: SigningAlgorithm,
  pin: string,
): Promise<PinSealedKey> {
  const { salt, iv, key } = await freshParameters(crypto, pin);
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, pkcs8);
  return sealed(salt, iv, algorithm, data);
}

/** The key as a non-extractable signing key, or null when the PIN is wrong (or the blob damaged). */
export async function openSigningKey(
  crypto: WebCryptoLike,
  sealedKey: PinSealedKey,
  pin: string,
): Promise<CryptoKeyLike | null> {
  try {
    const key = await pinKey(crypto, pin, fromBase64(sealedKey.kdf.salt), sealedKey.kdf.iterations);
    return await crypto.subtle.unwrapKey(
      'pkcs8',
      fromBase64(sealedKey.data),
      key,
      { name: 'AES-GCM', iv: fromBase64(sealedKey.cipher.iv) },
      sealedKey.algorithm,
      false,
      ['sign'],
    );
  } catch {
    return null;
  }
}

export function parseSealedKey(text: string): PinSealedKey | null {
  try {
    const parsed = PinSealedKeySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type { KeyAlgorithmLike };
