import type { ManagerOptions, SocketOptions } from 'socket.io-client';
import type { DevicePlatform } from '../protocol/index.js';
import type { DocumentPlatform } from './document-platform.js';
import type { HttpFetch } from './http.js';
import type { SigningPlatform } from './identity-vault.js';
import type { ClientStore } from './store.js';

/** What a MeetingClient (meeting-client.ts) is made with: its store, its transport and the platform's parts. */
export interface MeetingClientOptions {
  store: ClientStore;
  fetch: HttpFetch;
  /** How long to wait for an acknowledgement before treating the link as lost. */
  ackTimeoutMs?: number;
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
  now?: () => Date;
  /**
   * Moves and keeps documents' bytes (see document-platform.ts). Without it the core still
   * keeps the lists, and the reader loads documents from the server by URL.
   */
  documents?: DocumentPlatform;
  /** Keeps this device's signing identities (identity-vault.ts). Without it the device cannot sign. */
  signing?: SigningPlatform;
  /** How this device is named to the server (devices.ts); its id is the store's. */
  device?: { name: string; platform: DevicePlatform };
}
