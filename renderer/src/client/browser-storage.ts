import type { DocumentCache } from '../../../shared/client/document-platform.js';
import { MemoryDocumentCache } from '../../../shared/client/memory-document-cache.js';
import type { ClientStore } from '../../../shared/client/store.js';
import { IndexedDbDocumentCache } from './indexeddb-document-cache.js';
import { IndexedDbClientStore } from './indexeddb-store.js';
import { TabSessionStore } from './session-store.js';

/** Where TabSessionStore kept the device's id: a browser known to the server keeps its id. */
const LEGACY_DEVICE_ID = 'cabinet.device-id';

export interface BrowserStorage {
  store: ClientStore;
  documents: DocumentCache;
  /** False where the browser refused IndexedDB (some private modes): nothing outlives the tab. */
  offline: boolean;
}

type Listener = (problem: StorageProblem | null) => void;
export type StorageProblem = 'write-failed' | 'unavailable';
let problem: StorageProblem | null = null;
const listeners = new Set<Listener>();

/** The last storage problem of this page (the UI says that work made offline may not be kept). */
export function storageProblem(): StorageProblem | null {
  return problem;
}
export function onStorageProblem(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function report(next: StorageProblem | null): void {
  problem = next;
  for (const listener of listeners) listener(next);
}

/**
 * The browser's offline store and copies of documents, in IndexedDB; where the browser
 * refuses it, the tab's store of before (the session for the tab only, the rest in memory).
 */
export async function openBrowserStorage(window: Window): Promise<BrowserStorage> {
  try {
    const [store, documents] = await Promise.all([
      IndexedDbClientStore.open({
        onWriteError: (error) => {
          console.error('The offline store could not write', error);
          report('write-failed');
        },
        // What was refused is on disk now, in its order: nothing made offline is at risk any more.
        onWriteRecovered: () => {
          if (problem === 'write-failed') report(null);
        },
        // Another tab signed out, or another person signed in: this page shows what is gone.
        onClearedElsewhere: () => window.location.reload(),
      }),
      IndexedDbDocumentCache.open(),
    ]);
    if (!store.loadDeviceId()) {
      const legacy = readLegacyDeviceId(window);
      if (legacy) store.saveDeviceId(legacy);
    }
    return { store, documents, offline: true };
  } catch (error) {
    console.error('IndexedDB is not available: nothing will be kept offline', error);
    report('unavailable');
    return {
      store: new TabSessionStore(window.sessionStorage, window.localStorage),
      documents: new MemoryDocumentCache(),
      offline: false,
    };
  }
}

function readLegacyDeviceId(window: Window): string | null {
  try {
    return window.localStorage.getItem(LEGACY_DEVICE_ID);
  } catch {
    return null;
  }
}
