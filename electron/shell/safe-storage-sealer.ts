import { safeStorage } from 'electron';
import type { TokenSealer } from '../cache/token-sealer.js';
import { chooseTokenSealer } from '../core/token-sealing.js';

/**
 * The session token sealed with the OS's own secret store (Keychain, DPAPI, libsecret, KWallet),
 * or kept in memory only where there is none (see chooseTokenSealer). Call after `ready`: on
 * Linux the backend is only known then.
 */
export function safeStorageSealer(warn: (message: string) => void): TokenSealer {
  return chooseTokenSealer(safeStorage, process.platform, warn);
}
