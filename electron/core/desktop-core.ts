import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  MeetingClient,
  type DocumentTransport,
  type HttpFetch,
  type MeetingClientOptions,
} from '../../shared/client/index.js';
import { SqliteClientStore } from '../cache/sqlite-client-store.js';
import type { TokenSealer } from '../cache/token-sealer.js';
import { FileDocumentCache } from '../documents/file-document-cache.js';
import { NodeDocumentTransport } from '../documents/node-document-transport.js';
import { nodeSigningPlatform } from '../identity/node-signing-platform.js';
import { SqliteIdentityVault } from '../identity/sqlite-identity-vault.js';
import { pinnedFetch } from '../tls/pinned-fetch.js';
import { pinnedTlsOptions } from '../tls/pinning.js';

/** The cache's file name inside the app's data folder. */
export const CACHE_FILE_NAME = 'offline-cache.sqlite';
/** The folder of the documents' copies inside the app's data folder. */
export const DOCUMENTS_DIR_NAME = 'documents';

export interface DesktopCoreOptions {
  /** A folder the app owns (Electron's userData in the app, a temp folder in tests). */
  dataDir: string;
  /** Node's global fetch unless a test injects one. */
  fetch?: HttpFetch;
  ackTimeoutMs?: number;
  socketOptions?: MeetingClientOptions['socketOptions'];
  /** Seals the session token in the cache file (safeStorage in the app). */
  sealer?: TokenSealer;
  /** Node's http and fetch unless a test injects one (a cut or corrupted download). */
  documentTransport?: DocumentTransport;
  /**
   * Seals the signing keys (already sealed under their PIN) once more at rest: safeStorage in
   * the app (electron/identity/identity-sealing.ts); none in tests.
   */
  identitySealer?: TokenSealer;
  /**
   * The meeting CA (PEM) this device was enrolled with (electron/tls/pinning.ts): when given,
   * the socket, the HTTP of the core and the documents' transport trust it alone, over TLS only.
   */
  pinnedCaPem?: string | undefined;
}

/** The client core as the desktop's main process runs it: the core plus its SQLite cache. */
export interface DesktopCore {
  readonly client: MeetingClient;
  readonly store: SqliteClientStore;
  readonly cacheFile: string;
  /** Where the documents' copies are kept. */
  readonly documentsDir: string;
  /** This device's signing identities, one per user, in the cache file. */
  readonly identities: SqliteIdentityVault;
  /** Drops the connection and closes the cache; session, meetings and outbox stay on disk. */
  close(): void;
}

/**
 * Opens the core over the cache in `dataDir`. Does not connect: call `client.start()` when the
 * app is ready, so that a window can show the cached state before the network answers.
 */
export function openDesktopCore(options: DesktopCoreOptions): DesktopCore {
  mkdirSync(options.dataDir, { recursive: true });
  const cacheFile = join(options.dataDir, CACHE_FILE_NAME);
  const store = new SqliteClientStore(cacheFile, options.sealer ? { sealer: options.sealer } : {});
  const documentsDir = join(options.dataDir, DOCUMENTS_DIR_NAME);
  let cache: FileDocumentCache;
  try {
    cache = new FileDocumentCache(documentsDir, store);
  } catch (error) {
    store.close();
    throw error;
  }
  const identities = new SqliteIdentityVault(cacheFile, options.identitySealer);
  const pinned = options.pinnedCaPem ? pinnedTlsOptions(options.pinnedCaPem) : null;
  const clientOptions: MeetingClientOptions = {
    store,
    fetch: options.fetch ?? (options.pinnedCaPem ? pinnedFetch(options.pinnedCaPem) : nodeFetch),
    // The desktop keeps every paper it may see, and opens one not fetched yet once it is in.
    documents: {
      cache,
      transport: options.documentTransport ?? new NodeDocumentTransport(pinned ?? undefined),
      openUncached: 'download',
      prefetch: true,
    },
    // Keys are made, unwrapped and used here in the main process; never in the renderer.
    signing: nodeSigningPlatform(identities),
  };
  if (options.ackTimeoutMs !== undefined) clientOptions.ackTimeoutMs = options.ackTimeoutMs;
  if (options.socketOptions) clientOptions.socketOptions = options.socketOptions;
  // socket.io-client hands these to its websocket (ws) and polling (xmlhttprequest-ssl) in Node.
  if (pinned) clientOptions.socketOptions = { ...clientOptions.socketOptions, ...pinned };
  const client = new MeetingClient(clientOptions);
  let closed = false;
  return {
    client,
    store,
    cacheFile,
    documentsDir,
    identities,
    close() {
      if (closed) return;
      closed = true;
      client.stop();
      identities.close();
      store.close();
    },
  };
}

/** Node's fetch, bound late so that a test's stub of globalThis.fetch is honoured. */
const nodeFetch: HttpFetch = (url, init) => globalThis.fetch(url, init);
