import {
  protocolError,
  type Ack,
  type DocumentList,
  type DocumentVersion,
  type SearchHit,
} from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import type { UserRecord } from '../users/user-queries.js';
import { maySee, paperView, visibleDocuments } from './document-audience.js';
import { findDocument, listVersions, publicDocument } from './document-queries.js';
import { searchDocuments } from './document-search.js';
import { searchAnnotations } from '../annotations/annotation-search.js';

/**
 * What a user may read of a meeting's papers, for the HTTP routes and the socket requests
 * alike. A meeting or document the user may not see answers NOT_FOUND.
 */
export async function documentList(store: Store, user: UserRecord, meetingId: string): Promise<Ack<DocumentList>> {
  return store.snapshot(async (db) => {
    const view = await paperView(db, meetingId, user);
    if (!view) return { ok: false, error: protocolError('NOT_FOUND') };
    const documents = (await visibleDocuments(db, view)).map(publicDocument);
    return { ok: true, data: { meetingId, documents, recalled: view.meeting.documentsRecalledAt !== null } };
  });
}

export async function documentVersions(
  store: Store,
  user: UserRecord,
  meetingId: string,
  documentId: string,
): Promise<Ack<{ documentId: string; versions: DocumentVersion[] }>> {
  const view = await paperView(store.db, meetingId, user);
  const doc = view ? await findDocument(store.db, documentId) : null;
  if (!view || !doc || !maySee(view, doc)) return { ok: false, error: protocolError('NOT_FOUND') };
  return { ok: true, data: { documentId, versions: await listVersions(store.db, documentId) } };
}

export async function documentSearch(
  store: Store,
  user: UserRecord,
  meetingId: string,
  query: string,
): Promise<Ack<SearchHit[]>> {
  const view = await paperView(store.db, meetingId, user);
  if (!view) return { ok: false, error: protocolError('NOT_FOUND') };
  const documents = await visibleDocuments(store.db, view);
  // The papers' pages, then the asker's own notes and those shared with them.
  const pages = await searchDocuments(store, documents, query);
  const notes = await searchAnnotations(store.db, user.id, meetingId, documents, query);
  return { ok: true, data: [...pages, ...notes] };
}
