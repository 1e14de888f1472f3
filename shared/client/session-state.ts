import { uuidv7 } from 'uuidv7';
import type { DeviceClaim, DevicePlatform, User } from '../protocol/index.js';
import type { ClientState } from './api.js';
import { pendingWork } from './outbox-sender.js';
import type { ClientStore } from './store.js';

/** The session's part of the state: what the core keeps itself (documents and signing add theirs). */
type SessionState = Pick<
  ClientState,
  'connection' | 'serverUrl' | 'user' | 'meetings' | 'pendingCommands' | 'lastSyncAt' | 'rejected'
>;

/** What the UI sees once nobody is signed in on the device. */
export const SIGNED_OUT: SessionState = {
  connection: 'signed-out',
  serverUrl: null,
  user: null,
  meetings: {},
  pendingCommands: 0,
  lastSyncAt: null,
  rejected: [],
};

/**
 * The session ended (its token expired or was revoked): nothing of the person shows until they
 * sign in again, but the store keeps their meetings, copies and outbox for that.
 */
export const SESSION_EXPIRED: Partial<ClientState> = {
  connection: 'signed-out',
  user: null,
  meetings: {},
  lastSyncAt: null,
  documents: {},
  annotations: {},
  messages: {},
  minutesChanged: {},
  invitations: {},
  briefs: {},
};

/** At start, from the store: the session kept from last time (offline until it connects), its meetings and outbox. */
export function storedSessionState(store: ClientStore): SessionState {
  const session = store.loadSession();
  return {
    connection: session ? 'offline' : 'signed-out',
    serverUrl: session?.serverUrl ?? null,
    user: session?.user ?? null,
    meetings: Object.fromEntries(store.loadMeetings().map((m) => [m.meeting.id, m])),
    pendingCommands: pendingWork(store.listOutbox()),
    lastSyncAt: null,
    rejected: [],
  };
}

/** This device as it names itself at sign-in: its id, made the first time it is asked for and kept in the store. */
export function deviceClaim(store: ClientStore, device: { name: string; platform: DevicePlatform }): DeviceClaim {
  let id = store.loadDeviceId();
  if (!id) {
    id = uuidv7();
    store.saveDeviceId(id);
  }
  return { id, ...device };
}

/**
 * Whether a sign-in is another person's (or another server's) than the one the store holds:
 * then nothing of the last one may show or be sent. Meetings, papers or queued commands with
 * nobody's session beside them (written by another tab after a sign-out, or a damaged store)
 * are nobody's to inherit either.
 */
export function signsInAsSomeoneElse(
  store: ClientStore,
  lastUser: User | null,
  serverUrl: string,
  user: User,
): boolean {
  const previous = store.loadSession() ?? (lastUser ? { user: lastUser, serverUrl } : null);
  if (previous) return previous.user.id !== user.id || previous.serverUrl !== serverUrl;
  return store.listOutbox().length > 0 || store.loadMeetings().length > 0 || store.loadDocumentLists().length > 0;
}
