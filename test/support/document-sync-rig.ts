import type { CopyLedger } from '../../electron/documents/file-document-cache.js';
import { DocumentSync } from '../../shared/client/document-sync.js';
import { MemoryClientStore, type ClientState, type DocumentPlatform } from '../../shared/client/index.js';
import type { DocumentInfo } from '../../shared/protocol/index.js';

export const RIG_MEETING_ID = '0190f000-0000-7000-8000-0000000000a1';

/** A current document of the rig's meeting, everyone's unless told otherwise. */
export function documentInfo(
  fields: Pick<DocumentInfo, 'id' | 'sha256' | 'size'> & Partial<DocumentInfo>,
): DocumentInfo {
  const now = new Date().toISOString();
  return {
    meetingId: RIG_MEETING_ID,
    agendaItemId: null,
    title: 'Báo cáo',
    version: 1,
    pages: 1,
    textlessPages: [],
    visibleTo: null,
    createdAt: now,
    versionAt: now,
    versionBy: { id: RIG_MEETING_ID, displayName: 'Thư ký' },
    revision: 1,
    ...fields,
  };
}

/**
 * The documents part of a client core alone, over the platform given: signed in (`online`)
 * with a session, no socket (every request unanswered), `signOut` as a revoked session does.
 */
export async function documentSyncRig(platform: DocumentPlatform) {
  let state = {
    connection: 'online',
    meetings: {},
    documents: {},
    documentNotices: [],
    documentProgress: {},
    uploads: [],
  } as unknown as ClientState;
  const sync = new DocumentSync(
    new MemoryClientStore(),
    {
      state: () => state,
      update: (patch) => (state = { ...state, ...patch }),
      request: async () => null,
      session: () => ({ serverUrl: 'http://127.0.0.1:9', token: 't' }),
    },
    platform,
  );
  await sync.whenLoaded();
  const signOut = () => (state = { ...state, connection: 'signed-out' });
  return { sync, signOut };
}

/** The desktop's ledger of verified copies, in memory (SQLite in the app). */
export class MemoryLedger implements CopyLedger {
  readonly copies = new Map<string, number>();
  listCopies = () => [...this.copies.keys()];
  addCopy = (s: string, n: number) => void this.copies.set(s, n);
  removeCopy = (s: string) => void this.copies.delete(s);
  clearCopies = () => this.copies.clear();
}
