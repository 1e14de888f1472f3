import type { DBSchema, StoreNames } from 'idb';
import type { HeldBrief, MeetingState, OutboxEntry, StoredSession } from '../../../shared/client/store.js';
import type { Annotation, DocumentInfo } from '../../../shared/protocol/index.js';

/** The browser's offline store as IndexedDB holds it (indexeddb-store.ts writes, indexeddb-records.ts reads). */
export const CLIENT_DATABASE = 'cabinet-client';
/** 2: `meta` (the wipe's generation) and `scratch` (indexeddb-scrub.ts). */
export const VERSION = 2;

/** A queued command and where it stands in the queue: insertion order outlives a reload. */
export interface QueuedRecord {
  position: number;
  entry: OutboxEntry;
}

export interface ClientDatabase extends DBSchema {
  /** One record, 'current': who is signed in, their token. */
  session: { key: string; value: StoredSession };
  /** One record, 'id': the device's own id, which `clear()` leaves (a revoked device stays revoked). */
  device: { key: string; value: string };
  meetings: { key: string; value: MeetingState };
  briefs: { key: string; value: HeldBrief };
  outbox: { key: string; value: QueuedRecord };
  ballotKeys: { key: string; value: { userId: string; key: string } };
  documentLists: { key: string; value: DocumentInfo[] };
  /** By [userId, annotation id]: a shared note is held apart for each person who sees it. */
  annotations: { key: [string, string]; value: Annotation };
  annotationCursors: { key: string; value: number };
  /**
   * 'generation': raised by every wipe. A tab that wrote under an older one is writing for
   * someone signed out since (another tab signed them out): its writes are refused.
   */
  meta: { key: string; value: number };
  /** Throw-away records that make the browser compact what a wipe deleted. */
  scratch: { key: number; value: Uint8Array };
}

export type StoreName = StoreNames<ClientDatabase>;
/** The stores `clear()` empties: everything but the device id. */
export const PERSONAL: readonly StoreName[] = [
  'session',
  'meetings',
  'briefs',
  'outbox',
  'ballotKeys',
  'documentLists',
  'annotations',
  'annotationCursors',
];

/** Every store of the database, created where missing when it opens (a newer version adds some). */
export const ALL_STORES: readonly StoreName[] = [...PERSONAL, 'device', 'meta', 'scratch'];
