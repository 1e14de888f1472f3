import { safeStorage } from 'electron';
import { PLAIN_TOKENS, type TokenSealer } from '../cache/token-sealer.js';

/**
 * The session token sealed with the OS's own secret store (Keychain, DPAPI, libsecret).
 * Where none is available (a Linux without a keyring) the token stays plain, as before,
 * and the log says so.
 */
export function safeStorageSealer(warn: (message: string) => void): TokenSealer {
  if (!safeStorage.isEncryptionAvailable()) {
    warn('safeStorage is not available: the session token is stored unsealed in the offline cache');
    return PLAIN_TOKENS;
  }
  return {
    seal: (token) => safeStorage.encryptString(token).toString('base64'),
    open: (sealed) => {
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        return null;
      }
    },
  };
}
