import type { CertificateInfo } from '../protocol/index.js';
import type { PinCounter } from './pin-lock.js';
import type { WebCryptoLike } from './web-crypto.js';

/**
 * Where a device keeps its signing identities, one per user: the certificate, its chain, and
 * the private key sealed under the person's PIN (pin-seal.ts). The platform may seal it once
 * more (the desktop: Electron's safeStorage). Kept apart from the ClientStore: signing out
 * (or another person signing in) leaves each person's identity on the device; only
 * `forgetIdentity`, ten wrong PINs or a revoked certificate erase it.
 */
export interface StoredIdentity extends PinCounter {
  userId: string;
  /** The server it was enrolled with (or registered at, for an outside identity). */
  serverUrl: string;
  info: CertificateInfo;
  /** The certificate, DER in base64. */
  certificate: string;
  /** The certificates above it (the meeting CA, or an outside CA's chain), DER in base64. */
  chain: string[];
  /** SHA-256 of the CA this device enrolled with (the top of `chain`), or '' when the chain is empty. */
  caFingerprint: string;
  /** The PIN-sealed private key, as JSON text (pin-seal.ts). */
  sealedKey: string;
}

export interface IdentityVault {
  load(userId: string): Promise<StoredIdentity | null>;
  save(identity: StoredIdentity): Promise<void>;
  /** Erases the identity for good (the desktop: from the file's free pages and log too). */
  erase(userId: string): Promise<void>;
  /** Erases every person's identity on this device (a revoked device). */
  eraseAll(): Promise<void>;
}

/** A PKCS#12 file's content: its one private key (PKCS#8 DER), that key's certificate, and the others. */
export interface Pkcs12Contents {
  pkcs8: Uint8Array;
  certificate: Uint8Array;
  chain: Uint8Array[];
}

/** Reads a PKCS#12 file; throws a readable Error on a wrong password or a file it cannot use. */
export type Pkcs12Reader = (p12: Uint8Array, password: string) => Promise<Pkcs12Contents>;

/** What the core needs of the device to sign. */
export interface SigningPlatform {
  vault: IdentityVault;
  /** The platform's WebCrypto when absent (a browser's `crypto`, Node's global one). */
  crypto?: WebCryptoLike;
  /** Without it, `importOutsideIdentity` answers that this device cannot read PKCS#12. */
  readPkcs12?: Pkcs12Reader;
}

/** Identities for as long as the process lives: tests, and a platform with nowhere to keep them. */
export class MemoryIdentityVault implements IdentityVault {
  private readonly held = new Map<string, StoredIdentity>();

  async load(userId: string): Promise<StoredIdentity | null> {
    const found = this.held.get(userId);
    return found ? structuredCopy(found) : null;
  }

  async save(identity: StoredIdentity): Promise<void> {
    this.held.set(identity.userId, structuredCopy(identity));
  }

  async erase(userId: string): Promise<void> {
    this.held.delete(userId);
  }

  async eraseAll(): Promise<void> {
    this.held.clear();
  }

  /** What is held for this user, sealed as it is kept (tests look for the key's bytes in it). */
  peek(userId: string): StoredIdentity | null {
    return this.held.get(userId) ?? null;
  }
}

function structuredCopy(identity: StoredIdentity): StoredIdentity {
  return JSON.parse(JSON.stringify(identity)) as StoredIdentity;
}
