import { safeStorage } from 'electron';
import type { TokenSealer } from '../cache/token-sealer.js';
import { chooseIdentitySealer } from './identity-sealing.js';

/** The signing keys' OS layer in the app (see chooseIdentitySealer). Call after `ready`. */
export function safeStorageIdentitySealer(warn: (message: string) => void): TokenSealer {
  return chooseIdentitySealer(safeStorage, process.platform, warn);
}
