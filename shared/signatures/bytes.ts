import * as pkijs from 'pkijs';

/** Byte helpers for the signature code: hex, digests and the ArrayBuffer pkijs wants. */

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Lower- or upper-case hex, even length, nothing else; throws on anything else. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** A fresh ArrayBuffer holding exactly these bytes (pkijs and asn1js's `fromBER` want one). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let diff = 0;
  for (let i = 0; i < a.byteLength; i += 1) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

interface Digester {
  digest(algorithm: { name: string }, data: ArrayBuffer): Promise<ArrayBuffer>;
}

/** A digest with WebCrypto through pkijs's engine (Node 20's globalThis.crypto, or a browser's). */
export async function digest(
  algorithm: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512',
  bytes: Uint8Array,
): Promise<Uint8Array> {
  // ICryptoEngine extends the DOM's SubtleCrypto, which shared/ (no DOM lib) cannot see.
  const engine = pkijs.getCrypto(true) as unknown as Digester;
  return new Uint8Array(await engine.digest({ name: algorithm }, toArrayBuffer(bytes)));
}

export function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return digest('SHA-256', bytes);
}

/** The SHA-256 fingerprint of a certificate (or any DER), lower-case hex. */
export async function fingerprintOf(der: Uint8Array): Promise<string> {
  return toHex(await sha256(der));
}

/**
 * An INTEGER's value bytes as serial hex: lower-case, even length, no leading zero bytes
 * (the sign byte DER adds before a high bit is dropped), "00" for zero. The same form for
 * certificates, CRL entries and `TrustPolicy.revocations`.
 */
export function serialHexOf(valueBytes: Uint8Array): string {
  let start = 0;
  while (start < valueBytes.length - 1 && valueBytes[start] === 0) start += 1;
  return valueBytes.length === 0 ? '00' : toHex(valueBytes.subarray(start));
}

/** Serial hex back to the value bytes of a positive DER INTEGER (a zero byte added before a high bit). */
export function serialBytesOf(serialHex: string): Uint8Array {
  const raw = fromHex(normalizeSerialHex(serialHex));
  if (raw.length > 0 && raw[0]! >= 0x80) {
    const out = new Uint8Array(raw.length + 1);
    out.set(raw, 1);
    return out;
  }
  return raw;
}

/** Any spelling of a serial ("0A:1B", "00a1b", "A1B") in the form of `serialHexOf`. */
export function normalizeSerialHex(hex: string): string {
  const clean = hex.toLowerCase().replace(/[^0-9a-f]/g, '');
  return serialHexOf(fromHex(clean.length % 2 === 0 ? clean : `0${clean}`));
}
