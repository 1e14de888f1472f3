/**
 * The little of WebCrypto the signing half of the core uses, declared here because shared/
 * compiles with neither DOM nor Node types. A browser's `crypto` and Node's `webcrypto`
 * both satisfy it.
 */
export interface CryptoKeyLike {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: unknown;
  readonly usages: readonly string[];
}

export interface CryptoKeyPairLike {
  publicKey: CryptoKeyLike;
  privateKey: CryptoKeyLike;
}

export type KeyAlgorithmLike = Record<string, unknown> & { name: string };
type Bytes = ArrayBuffer | Uint8Array;

export interface SubtleLike {
  generateKey(
    algorithm: KeyAlgorithmLike,
    extractable: boolean,
    usages: readonly string[],
  ): Promise<CryptoKeyPairLike | CryptoKeyLike>;
  exportKey(format: 'spki' | 'pkcs8' | 'raw', key: CryptoKeyLike): Promise<ArrayBuffer>;
  importKey(
    format: 'raw' | 'pkcs8' | 'spki',
    data: Bytes,
    algorithm: KeyAlgorithmLike | string,
    extractable: boolean,
    usages: readonly string[],
  ): Promise<CryptoKeyLike>;
  deriveKey(
    algorithm: KeyAlgorithmLike,
    baseKey: CryptoKeyLike,
    derivedKeyType: KeyAlgorithmLike,
    extractable: boolean,
    usages: readonly string[],
  ): Promise<CryptoKeyLike>;
  encrypt(algorithm: KeyAlgorithmLike, key: CryptoKeyLike, data: Bytes): Promise<ArrayBuffer>;
  wrapKey(
    format: 'pkcs8',
    key: CryptoKeyLike,
    wrappingKey: CryptoKeyLike,
    algorithm: KeyAlgorithmLike,
  ): Promise<ArrayBuffer>;
  unwrapKey(
    format: 'pkcs8',
    wrappedKey: Bytes,
    unwrappingKey: CryptoKeyLike,
    unwrapAlgorithm: KeyAlgorithmLike,
    unwrappedKeyAlgorithm: KeyAlgorithmLike,
    extractable: boolean,
    usages: readonly string[],
  ): Promise<CryptoKeyLike>;
}

export interface WebCryptoLike {
  readonly subtle: SubtleLike;
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/** The platform's WebCrypto (a browser's, or Node 20's global one), or null where there is none. */
export function platformCrypto(): WebCryptoLike | null {
  const found = (globalThis as { crypto?: WebCryptoLike }).crypto;
  return found?.subtle ? found : null;
}
