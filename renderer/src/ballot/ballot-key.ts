import { uuidv7 } from 'uuidv7';

const PREFIX = 'cabinet.ballot-key.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type KeyStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Where storage is refused (private mode), the keys last as long as the page. */
const fallback = new Map<string, string>();

export function ballotKeyName(voteId: string): string {
  return `${PREFIX}${voteId}`;
}

/**
 * The device's secret for its ballot in one vote: made at the first cast and kept, so that
 * sending it again with other choices changes the ballot (where the vote allows it) instead
 * of casting a second one. localStorage works in a tab and in the desktop app's origin alike.
 */
export function ballotKeyFor(voteId: string, storage: KeyStorage | null, make: () => string = uuidv7): string {
  const name = ballotKeyName(voteId);
  try {
    const saved = storage?.getItem(name) ?? null;
    if (saved && UUID.test(saved)) return saved;
  } catch {
    // Fall through to the page's own memory.
  }
  // A key this page already used wins over a fresh one: it may already be in a ballot.
  const key = fallback.get(name) ?? make();
  fallback.set(name, key);
  try {
    storage?.setItem(name, key);
  } catch {
    // Kept in memory only.
  }
  return key;
}

/** The browser's storage, or null where reading it throws. */
export function deviceStorage(): KeyStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
