import {
  ANNOTATION_SYNC_PAGE,
  protocolError,
  type Ack,
  type Annotation,
  type RequestResult,
} from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import type { Store } from '../db/store.js';
import { paperView, visibleDocuments } from '../documents/document-audience.js';
import type { UserRecord } from '../users/user-queries.js';
import { asSeenByOthers, selectAnnotations, toAnnotation } from './annotation-rows.js';

/**
 * What a user may read of annotations, for the socket requests and the HTTP routes alike.
 * Every query names its reader: their own rows (`author_id`), or others' rows that are
 * shared and not deleted, and always only on documents the reader may see now.
 */

/** The documents of a meeting this user may see now, or null when they may not see the meeting. */
async function visibleIds(db: Db, user: UserRecord, meetingId: string): Promise<Set<string> | null> {
  const view = await paperView(db, meetingId, user);
  return view ? new Set((await visibleDocuments(db, view)).map((d) => d.id)) : null;
}

/** The user's own annotations written after `sinceRev`, tombstones too, a page at a time. */
export async function syncOwnAnnotations(
  store: Store,
  user: UserRecord,
  sinceRev: number,
): Promise<Ack<RequestResult<'annotation:sync'>>> {
  return store.snapshot(async (db) => {
    const rows = await selectAnnotations(db)
      .where('a.author_id', '=', user.id)
      .where('a.rev', '>', sinceRev)
      .orderBy('a.rev')
      .limit(ANNOTATION_SYNC_PAGE + 1)
      .execute();
    const more = rows.length > ANNOTATION_SYNC_PAGE;
    const page = rows.slice(0, ANNOTATION_SYNC_PAGE);
    const visible = new Map<string, Set<string> | null>();
    const annotations: Annotation[] = [];
    for (const row of page) {
      if (!visible.has(row.meeting_id)) visible.set(row.meeting_id, await visibleIds(db, user, row.meeting_id));
      // A paper taken from the user (access withdrawn, recalled) takes their notes on it off
      // their devices too: a note may quote what they may no longer read.
      if (visible.get(row.meeting_id)?.has(row.document_id)) annotations.push(toAnnotation(row));
    }
    const cursor = page.length > 0 ? Number(page[page.length - 1]?.rev) : sinceRev;
    return { ok: true, data: { annotations, cursor, more } };
  });
}

/**
 * Live annotations of a meeting on the documents this user may see, in one read: others'
 * shared ones as others see them, and (`withOwn`) the user's own first.
 */
async function liveInMeeting(
  store: Store,
  user: UserRecord,
  meetingId: string,
  withOwn: boolean,
): Promise<Ack<Annotation[]>> {
  return store.snapshot(async (db) => {
    const documents = await visibleIds(db, user, meetingId);
    if (!documents) return { ok: false, error: protocolError('NOT_FOUND') };
    if (documents.size === 0) return { ok: true, data: [] };
    const rows = await selectAnnotations(db)
      .where('a.meeting_id', '=', meetingId)
      .where('a.deleted', '=', 0)
      .where('a.document_id', 'in', [...documents])
      .where((eb) =>
        withOwn
          ? eb.or([eb('a.author_id', '=', user.id), eb('a.shared', '=', 1)])
          : eb.and([eb('a.author_id', '!=', user.id), eb('a.shared', '=', 1)]),
      )
      .orderBy('a.rev')
      .execute();
    const own = rows.filter((r) => r.author_id === user.id).map(toAnnotation);
    const others = rows.filter((r) => r.author_id !== user.id).map(asSeenByOthers);
    return { ok: true, data: [...own, ...others] };
  });
}

/** Others' shared annotations in a meeting, on documents this user may see. */
export function sharedAnnotations(store: Store, user: UserRecord, meetingId: string): Promise<Ack<Annotation[]>> {
  return liveInMeeting(store, user, meetingId, false);
}

/** For the HTTP API: the user's own live annotations in a meeting, then those others shared with them. */
export function meetingAnnotations(store: Store, user: UserRecord, meetingId: string): Promise<Ack<Annotation[]>> {
  return liveInMeeting(store, user, meetingId, true);
}

/** The annotations an export of one version carries: the user's own, and others' shared ones if asked. */
export async function annotationsForExport(
  db: Db,
  user: UserRecord,
  documentId: string,
  version: number,
  withShared: boolean,
): Promise<Annotation[]> {
  let query = selectAnnotations(db)
    .where('a.document_id', '=', documentId)
    .where('a.version', '=', version)
    .where('a.deleted', '=', 0);
  query = withShared
    ? query.where((eb) => eb.or([eb('a.author_id', '=', user.id), eb('a.shared', '=', 1)]))
    : query.where('a.author_id', '=', user.id);
  const rows = await query.orderBy('a.page').orderBy('a.rev').execute();
  return rows.map((row) => (row.author_id === user.id ? toAnnotation(row) : asSeenByOthers(row)));
}
