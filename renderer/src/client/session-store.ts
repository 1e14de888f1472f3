import { MemoryClientStore } from '../../../shared/client/memory-store.js';
import type { StoredSession } from '../../../shared/client/store.js';

const KEY = 'cabinet.session';
const BALLOT_KEYS = 'cabinet.ballot-keys';
/** In the browser's own storage, not the tab's: the browser is the device, whichever tab. */
const DEVICE_ID = 'cabinet.device-id';

/**
 * The browser tab's store. Meetings and the outbox live in memory (the server resyncs them
 * in one round trip); the session and the user's ballot keys survive a reload, for this tab
 * only (sessionStorage), so a shared PC forgets both when the tab is closed or the person
 * signs out, and a second person in another tab never meets the first one's keys.
 */
export class TabSessionStore extends MemoryClientStore {
  constructor(
    private readonly storage: Storage,
    private readonly deviceStorage: Storage | null = null,
  ) {
    super();
    const deviceId = readItem(deviceStorage, DEVICE_ID);
    if (deviceId) super.saveDeviceId(deviceId);
    const saved = readSession(storage);
    if (saved) super.saveSession(saved);
    for (const [voteId, held] of Object.entries(readBallotKeys(storage))) {
      super.saveBallotKey(held.userId, voteId, held.key);
    }
  }

  override saveSession(session: StoredSession | null): void {
    super.saveSession(session);
    if (session) this.storage.setItem(KEY, JSON.stringify(session));
    else this.storage.removeItem(KEY);
  }

  override saveBallotKey(userId: string, voteId: string, key: string): void {
    super.saveBallotKey(userId, voteId, key);
    this.persistBallotKeys();
  }

  override forgetBallotKeys(voteIds: readonly string[]): void {
    super.forgetBallotKeys(voteIds);
    this.persistBallotKeys();
  }

  override clear(): void {
    super.clear();
    this.storage.removeItem(KEY);
    this.storage.removeItem(BALLOT_KEYS);
  }

  override saveDeviceId(id: string): void {
    super.saveDeviceId(id);
    try {
      this.deviceStorage?.setItem(DEVICE_ID, id);
    } catch {
      // Storage refused: the id lasts as long as the page.
    }
  }

  private persistBallotKeys(): void {
    try {
      if (this.ballotKeys.size === 0) this.storage.removeItem(BALLOT_KEYS);
      else this.storage.setItem(BALLOT_KEYS, JSON.stringify(Object.fromEntries(this.ballotKeys)));
    } catch {
      // Storage refused (private mode, full): the keys last as long as the page.
    }
  }
}

function readItem(storage: Storage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function readSession(storage: Storage): StoredSession | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof value.token !== 'string' || typeof value.serverUrl !== 'string' || !value.user) return null;
    return value as StoredSession;
  } catch {
    return null;
  }
}

function readBallotKeys(storage: Storage): Record<string, { userId: string; key: string }> {
  try {
    const value = JSON.parse(storage.getItem(BALLOT_KEYS) ?? '{}') as Record<
      string,
      { userId?: unknown; key?: unknown }
    >;
    const out: Record<string, { userId: string; key: string }> = {};
    for (const [voteId, held] of Object.entries(value)) {
      if (typeof held.userId === 'string' && typeof held.key === 'string')
        out[voteId] = { userId: held.userId, key: held.key };
    }
    return out;
  } catch {
    return {};
  }
}
