import type { Pkcs12Contents } from './identity-vault.js';

/**
 * PKCS#12 files (.p12/.pfx) read with node-forge, which is plain JavaScript and reads what
 * OpenSSL 3 and Windows write (AES-256-CBC or 3DES, PBKDF2 or PKCS#12 KDF). shared/ does not
 * import it (its types pull in Node's): the platform hands the module in, typed by the little
 * of it used here.
 */
export interface ForgeLike {
  util: { createBuffer(bytes: string, encoding?: string): unknown };
  asn1: { fromDer(input: unknown): unknown; toDer(asn1: unknown): { getBytes(): string } };
  pkcs12: { pkcs12FromAsn1(asn1: unknown, strict: boolean, password: string): ForgePfx };
  pki: {
    oids: Record<string, string | undefined>;
    privateKeyToAsn1(key: unknown): unknown;
    wrapRsaPrivateKey(asn1: unknown): unknown;
    certificateToAsn1(cert: unknown): unknown;
  };
}

interface ForgeBigInteger {
  equals(other: unknown): boolean;
}
interface ForgeBag {
  key?: { n?: ForgeBigInteger } | null;
  cert?: { publicKey?: { n?: ForgeBigInteger } } | null;
}
interface ForgePfx {
  getBags(filter: { bagType: string }): Record<string, ForgeBag[] | undefined>;
}

export class Pkcs12ReadError extends Error {}

function binaryOf(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

function bytesOf(binary: string): Uint8Array {
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) out[i] = binary.charCodeAt(i);
  return out;
}

function bags(forge: ForgeLike, pfx: ForgePfx, oid: string | undefined): ForgeBag[] {
  return oid ? (pfx.getBags({ bagType: oid })[oid] ?? []) : [];
}

/** The file's one RSA key as PKCS#8, the certificate of that key, and the other certificates. */
export async function readPkcs12WithForge(
  forge: ForgeLike,
  p12: Uint8Array,
  password: string,
): Promise<Pkcs12Contents> {
  let asn1: unknown;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(binaryOf(p12), 'raw'));
  } catch {
    throw new Pkcs12ReadError('not a PKCS#12 file');
  }
  let pfx: ForgePfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/password|MAC/i.test(message)) throw new Pkcs12ReadError('cannot open the PKCS#12 file: wrong password?');
    throw new Pkcs12ReadError(`cannot read the PKCS#12 file: ${message}`);
  }
  const keys = [
    ...bags(forge, pfx, forge.pki.oids['pkcs8ShroudedKeyBag']),
    ...bags(forge, pfx, forge.pki.oids['keyBag']),
  ];
  if (keys.length !== 1) throw new Pkcs12ReadError(`the PKCS#12 file holds ${keys.length} private keys, expected one`);
  const key = keys[0]!.key;
  // forge decodes RSA keys only; an EC key stays undecoded (and is refused here).
  if (!key?.n) throw new Pkcs12ReadError('only an RSA key can be imported from a PKCS#12 file');
  const certs = bags(forge, pfx, forge.pki.oids['certBag']).filter((b) => b.cert);
  const own = certs.find((b) => b.cert?.publicKey?.n?.equals(key.n));
  if (!own) throw new Pkcs12ReadError('no certificate in the PKCS#12 file matches its private key');
  const der = (asn1Value: unknown) => bytesOf(forge.asn1.toDer(asn1Value).getBytes());
  return {
    pkcs8: der(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))),
    certificate: der(forge.pki.certificateToAsn1(own.cert)),
    chain: certs.filter((b) => b !== own).map((b) => der(forge.pki.certificateToAsn1(b.cert))),
  };
}
