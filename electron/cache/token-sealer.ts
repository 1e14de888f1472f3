/**
 * Seals the session token before it is written to the cache file, so that a copied file
 * (a lost tablet's disk) does not hand over a live session. In the app the sealer is
 * Electron's safeStorage (the OS keychain / DPAPI); elsewhere it is injected.
 */
export interface TokenSealer {
  seal(token: string): string;
  /** The token, or null when it cannot be opened (another machine, another OS user). */
  open(sealed: string): string | null;
}

const PREFIX = 'sealed:v1:';

/** Marks sealed values so that a plain token from an older cache is recognised as such. */
export function markSealed(sealed: string): string {
  return `${PREFIX}${sealed}`;
}

export function readSealed(value: string): { sealed: boolean; body: string } {
  return value.startsWith(PREFIX) ? { sealed: true, body: value.slice(PREFIX.length) } : { sealed: false, body: value };
}

/** No sealing: only where nothing better exists (tests, a Linux without a keyring). */
export const PLAIN_TOKENS: TokenSealer = { seal: (t) => t, open: (t) => t };
