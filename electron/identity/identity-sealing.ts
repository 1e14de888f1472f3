import { PLAIN_TOKENS, type TokenSealer } from '../cache/token-sealer.js';
import { keyStoreSealer, keyStoreWeakness, type SafeStorageLike } from '../core/token-sealing.js';

/**
 * The second layer over a PIN-sealed private key: Electron's safeStorage (Keychain, DPAPI,
 * libsecret, KWallet), so that a copied cache file is of no use on another machine or
 * account even to someone who guesses the PIN. Where there is no real key store (Linux's
 * `basic_text`, whose key is compiled into Chromium) the PIN layer is the only one, and the
 * warning says so. Unlike the session token it is never kept in memory only: the identity
 * must outlive a restart.
 */
export function chooseIdentitySealer(
  storage: SafeStorageLike,
  platform: NodeJS.Platform,
  warn: (message: string) => void,
): TokenSealer {
  const weakness = keyStoreWeakness(storage, platform);
  if (weakness !== null) {
    warn(`safeStorage ${weakness}: signing keys are protected by their PIN only`);
    return PLAIN_TOKENS;
  }
  return keyStoreSealer(storage);
}
