import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  MeetingClient,
  type DocumentTransport,
  type HttpFetch,
  type LoginInput,
  type MeetingClientOptions,
} from '../../shared/client/index.js';
import type { TrustedServer } from '../../shared/client/server-trust.js';
import type { Ack, User } from '../../shared/protocol/index.js';
import { SqliteClientStore } from '../cache/sqlite-client-store.js';
import type { TokenSealer } from '../cache/token-sealer.js';
import { FileDocumentCache } from '../documents/file-document-cache.js';
import { NodeDocumentTransport } from '../documents/node-document-transport.js';
import { nodeSigningPlatform } from '../identity/node-signing-platform.js';
import { SqliteIdentityVault } from '../identity/sqlite-identity-vault.js';
import { PinnedCaStore } from '../tls/pinned-ca-store.js';
import { pinnedFetch, trustedFetch } from '../tls/pinned-fetch.js';
import { pinnedTlsOptions } from '../tls/pinning.js';
import { ServerTrust, type TlsResolver } from '../tls/server-trust.js';

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
   * the socket, the HTTP of the core and the documents' transport trust it alone, over TLS only,
   * for every server. Without it, the pins per server origin kept in `dataDir` decide
   * (electron/tls/server-trust.ts), and `trustServer` adds one with no restart.
   */
  pinnedCaPem?: string | undefined;
  /** Told when a kept pin is damaged and dropped. */
  warn?: (message: string) => void;
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
  /** The pinned meeting CAs per server origin (null with a fixed `pinnedCaPem`). */
  readonly trust: ServerTrust | null;
  /** Finds the CA of this fingerprint in the server's chain, checks the server under it, pins it. */
  trustServer(serverUrl: string, fingerprint: string): Promise<Ack<TrustedServer>>;
  /** The pinned CA of this server's origin, if any. */
  serverTrust(serverUrl: string): Promise<TrustedServer | null>;
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
  let trust: ServerTrust | null = null;
  let resolve: TlsResolver;
  try {
    if (options.pinnedCaPem) {
      const fixed = pinnedTlsOptions(options.pinnedCaPem);
      resolve = (url) => {
        if (url.protocol !== 'https:') throw new Error(`Refused: ${url.protocol} with a pinned meeting CA.`);
        return fixed;
      };
    } else {
      trust = new ServerTrust(new PinnedCaStore(options.dataDir, options.warn));
      resolve = trust.tlsFor;
    }
  } catch (error) {
    identities.close();
    store.close();
    throw error;
  }
  const clientOptions: MeetingClientOptions = {
    store,
    fetch: options.fetch ?? (options.pinnedCaPem ? pinnedFetch(options.pinnedCaPem) : trustedFetch(resolve)),
    // The desktop keeps every paper it may see, and opens one not fetched yet once it is in.
    documents: {
      cache,
      transport: options.documentTransport ?? new NodeDocumentTransport(resolve),
      openUncached: 'download',
      prefetch: true,
    },
    // Keys are made, unwrapped and used here in the main process; never in the renderer.
    signing: nodeSigningPlatform(identities),
    // The computer's name is what an admin recognises in the list of devices.
    device: { name: hostname() || 'Desktop', platform: 'desktop' },
  };
  if (options.ackTimeoutMs !== undefined) clientOptions.ackTimeoutMs = options.ackTimeoutMs;
  // socket.io-client hands these to its websocket (ws) and polling (xmlhttprequest-ssl) in Node,
  // read when the socket is made: the pin of the session's server as it is then.
  clientOptions.socketOptions = socketTls(options.socketOptions ?? {}, resolve, () => store.loadSession()?.serverUrl);
  const client = trust ? new TrustingMeetingClient(clientOptions, trust) : new MeetingClient(clientOptions);
  let closed = false;
  return {
    client,
    store,
    cacheFile,
    documentsDir,
    identities,
    trust,
    trustServer: async (serverUrl, fingerprint) =>
      trust ? trust.trust(serverUrl, fingerprint) : { ok: false, error: fixedPinError() },
    serverTrust: async (serverUrl) => trust?.pinned(serverUrl) ?? null,
    close() {
      if (closed) return;
      closed = true;
      client.stop();
      // Open copies hold file handles: a quit (or a test removing the folder) lets them go now.
      void cache.closeReaders();
      identities.close();
      store.close();
    },
  };
}

/** A sign-in the pins refuse answers why, in both languages, before any request leaves. */
class TrustingMeetingClient extends MeetingClient {
  constructor(
    options: MeetingClientOptions,
    private readonly trust: ServerTrust,
  ) {
    super(options);
  }

  override async login(input: LoginInput): Promise<Ack<User>> {
    const refusal = this.trust.refusal(input.serverUrl);
    return refusal ? { ok: false, error: refusal } : super.login(input);
  }
}

type SocketOptions = NonNullable<MeetingClientOptions['socketOptions']>;

/**
 * The socket's options with its TLS read from the resolver at each `io()` call (getters: the
 * link spreads these options when it makes its socket). A server nothing may reach (an https
 * one with no pin, plain http to a pinned host) gets no transport at all, so no byte leaves.
 */
function socketTls(base: SocketOptions, resolve: TlsResolver, serverUrl: () => string | undefined): SocketOptions {
  const current = () => {
    const url = serverUrl();
    if (!url) return { tls: null, refused: false };
    try {
      return { tls: resolve(new URL(url)), refused: false };
    } catch {
      return { tls: null, refused: true };
    }
  };
  const lazy = {
    ...base,
    get ca() {
      return current().tls?.ca;
    },
    get rejectUnauthorized() {
      return true;
    },
    get minVersion() {
      return current().tls?.minVersion;
    },
    get checkServerIdentity() {
      return current().tls?.checkServerIdentity;
    },
    get transports() {
      return current().refused ? [] : base.transports;
    },
  };
  return lazy as SocketOptions;
}

function fixedPinError() {
  return {
    code: 'VALIDATION_FAILED' as const,
    message: {
      vi: 'Ứng dụng này dùng một CA cố định; không thêm máy chủ được.',
      en: 'This app uses a fixed CA; no server can be added.',
    },
  };
}
