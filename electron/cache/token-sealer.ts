import { randomUUID } from 'node:crypto';

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

/** No sealing: tests, and reading caches written before sealing existed. */
export const PLAIN_TOKENS: TokenSealer = { seal: (t) => t, open: (t) => t };

/**
 * For a machine with no real key store: what goes to disk is a random handle that only this
 * run of the app can turn back into the token. After a restart the user signs in again; the
 * cache and the outbox stay, since the user is still known.
 */
export function memoryOnlyTokens(): TokenSealer {
  let held: { handle: string; token: string } | null = null;
  return {
    seal(token) {
      // One slot: a new sign-in drops the previous token from memory as well.
      held = { handle: `memory:${randomUUID()}`, token };
      return held.handle;
    },
    open: (sealed) => (held !== null && held.handle === sealed ? held.token : null),
  };
}
