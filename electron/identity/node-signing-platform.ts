import { webcrypto } from 'node:crypto';
import forge from 'node-forge';
import {
  readPkcs12WithForge,
  type ForgeLike,
  type SigningPlatform,
  type WebCryptoLike,
} from '../../shared/client/index.js';
import type { SqliteIdentityVault } from './sqlite-identity-vault.js';

/**
 * The signing platform of the desktop's main process: Node's WebCrypto (keys are made,
 * unwrapped and used here, never in the renderer), the identities in the cache file, and
 * PKCS#12 files read with node-forge.
 */
export function nodeSigningPlatform(vault: SqliteIdentityVault): SigningPlatform {
  return {
    vault,
    crypto: webcrypto as unknown as WebCryptoLike,
    readPkcs12: (p12, password) => readPkcs12WithForge(forge as unknown as ForgeLike, p12, password),
  };
}
