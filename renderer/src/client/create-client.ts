import type { ClientApi } from '../../../shared/client/api.js';
import { browserDocumentPlatform } from '../../../shared/client/browser-documents.js';
import { browserSigningPlatform } from '../../../shared/client/browser-identity-vault.js';
import { MeetingClient } from '../../../shared/client/meeting-client.js';
import type { ServerTrustApi } from '../../../shared/client/server-trust.js';
import { withStableState } from '../../../shared/client/stable-state.js';
import { openBrowserStorage } from './browser-storage.js';
import { requestPersistentStorage } from './persistent-storage.js';

export interface ClientWiring {
  client: ClientApi;
  /** The desktop app chooses its server at sign-in; a tab always uses the one that served it. */
  desktop: boolean;
  defaultServerUrl: string;
  /** The desktop's pinned CA per https server; absent in a tab (the browser does TLS itself). */
  serverTrust?: ServerTrustApi | undefined;
  /** A browser whose meetings, outbox and papers outlive the page (IndexedDB). */
  offlineBrowser?: boolean;
}

/** A short name an admin recognises: the browser and the system, from the user agent. */
function browserDeviceName(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'Browser';
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  return system ? `${browser} (${system})` : browser;
}

/** The one place that decides which client core the UI talks to. */
export async function createClient(): Promise<ClientWiring> {
  if (window.cabinet) {
    // contextBridge hands out a fresh copy on every getState(); React needs a stable one.
    return {
      client: withStableState(window.cabinet),
      desktop: true,
      defaultServerUrl: '',
      serverTrust: window.cabinet.desktop,
    };
  }
  const storage = await openBrowserStorage(window);
  const client = new MeetingClient({
    store: storage.store,
    device: { name: browserDeviceName(window.navigator.userAgent), platform: 'browser' },
    fetch: window.fetch.bind(window),
    // Uploads with progress (XHR), downloads into IndexedDB, read from there by the reader offline.
    documents: browserDocumentPlatform(storage.documents),
    // Signing identities in IndexedDB (the key sealed under the PIN); node-forge only loaded
    // when a person imports a PKCS#12 file.
    signing: browserSigningPlatform({
      indexedDB: window.indexedDB,
      loadForge: () => import('node-forge/lib/index.js').then((m) => m.default),
    }),
  });
  client.start();
  if (storage.offline) requestPersistentStorage(client, window.navigator);
  return { client, desktop: false, defaultServerUrl: window.location.origin, offlineBrowser: storage.offline };
}
