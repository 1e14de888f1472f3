import { MemoryClientStore } from '../../../shared/client/memory-store.js';
import type { StoredSession } from '../../../shared/client/store.js';

const KEY = 'cabinet.session';

/**
 * The browser tab's store. Meetings and the outbox live in memory (the server resyncs them
 * in one round trip); only the session survives a reload, and only for this tab, so a
 * shared PC forgets the sign-in when the tab is closed.
 */
export class TabSessionStore extends MemoryClientStore {
  constructor(private readonly storage: Storage) {
    super();
    const saved = readSession(storage);
    if (saved) super.saveSession(saved);
  }

  override saveSession(session: StoredSession | null): void {
    super.saveSession(session);
    if (session) this.storage.setItem(KEY, JSON.stringify(session));
    else this.storage.removeItem(KEY);
  }

  override clear(): void {
    super.clear();
    this.storage.removeItem(KEY);
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
