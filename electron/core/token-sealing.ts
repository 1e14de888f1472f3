import { memoryOnlyTokens, type TokenSealer } from '../cache/token-sealer.js';

/** What the decision needs of Electron's `safeStorage`; a fake stands in for it in tests. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: which secret store Chromium picked. */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The Linux backends that keep the key in a real secret store. `basic_text` encrypts with a key
 * compiled into Chromium (anyone with the file can decrypt it) and `unknown` means the store was
 * asked before `ready`; a backend added later is treated as neither until it is listed here.
 */
const LINUX_SECRET_STORES = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

/**
 * Seals the session token with the OS's key store where there is a real one; otherwise keeps it
 * in memory only, so that a copied cache file never hands over a live session.
 */
export function chooseTokenSealer(
  storage: SafeStorageLike,
  platform: NodeJS.Platform,
  warn: (message: string) => void,
): TokenSealer {
  const weakness = keyStoreWeakness(storage, platform);
  if (weakness !== null) {
    warn(`safeStorage ${weakness}: the session token is kept in memory only; sign in again after a restart`);
    return memoryOnlyTokens();
  }
  return keyStoreSealer(storage);
}

/** Seals with the OS key store itself; `open` answers null for what it cannot open. */
export function keyStoreSealer(storage: SafeStorageLike): TokenSealer {
  return {
    seal: (token) => storage.encryptString(token).toString('base64'),
    open: (sealed) => {
      try {
        return storage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        // Another machine or OS user, or a handle of a memory-only run.
        return null;
      }
    },
  };
}

/** Why the key store cannot be trusted with the token, or null when it can. */
export function keyStoreWeakness(storage: SafeStorageLike, platform: NodeJS.Platform): string | null {
  if (!storage.isEncryptionAvailable()) return 'is not available';
  if (platform !== 'linux') return null;
  const backend = storage.getSelectedStorageBackend?.() ?? 'unknown';
  return LINUX_SECRET_STORES.has(backend) ? null : `uses the "${backend}" backend, which is no real key store`;
}
