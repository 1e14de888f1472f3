import type { DocumentGoneReason, DocumentInfo } from '../protocol/index.js';
import type { DocumentNotice, DocumentProgress } from './api.js';
import type { MeetingState } from './store.js';

/**
 * Pure decisions of the document cache: which copies a device holds, which it deletes, what
 * the user is told, and the progress figures. The classes around them only do the I/O.
 */

export type DocumentLists = ReadonlyMap<string, readonly DocumentInfo[]>;

/** A paper is fetched ahead once its meeting is out (published or closed) and until it is recalled. */
export function prefetchable(meeting: MeetingState | undefined): boolean {
  if (!meeting) return false;
  const { status, documentsRecalledAt } = meeting.meeting;
  return (status === 'published' || status === 'closed') && !documentsRecalledAt;
}

export interface WantedCopy {
  sha256: string;
  size: number;
  documentId: string;
  meetingId: string;
}

/** The copies to fetch: every listed document of a prefetchable meeting, one per SHA-256. */
export function wantedCopies(
  lists: DocumentLists,
  meetings: Readonly<Record<string, MeetingState>>,
): Map<string, WantedCopy> {
  const wanted = new Map<string, WantedCopy>();
  for (const [meetingId, documents] of lists) {
    if (!prefetchable(meetings[meetingId])) continue;
    for (const d of documents) {
      if (!wanted.has(d.sha256)) wanted.set(d.sha256, { sha256: d.sha256, size: d.size, documentId: d.id, meetingId });
    }
  }
  return wanted;
}

/**
 * The copies the device may keep: every document still listed (opened or fetched, in any
 * meeting the user sees), and the previous bytes of a document whose new version is not
 * verified yet, so it stays readable offline meanwhile. Everything else is deleted.
 */
export function copiesToKeep(
  lists: DocumentLists,
  superseded: ReadonlyMap<string, string>,
  cached: ReadonlySet<string>,
): Set<string> {
  const keep = new Set<string>();
  const current = new Map<string, string>();
  for (const documents of lists.values()) {
    for (const d of documents) {
      keep.add(d.sha256);
      current.set(d.id, d.sha256);
    }
  }
  for (const [documentId, oldSha] of superseded) {
    const now = current.get(documentId);
    if (now !== undefined && !cached.has(now)) keep.add(oldSha);
  }
  return keep;
}

/** Documents listed before and not any more. */
export function leftTheList(before: readonly DocumentInfo[], after: readonly DocumentInfo[]): DocumentInfo[] {
  const still = new Set(after.map((d) => d.id));
  return before.filter((d) => !still.has(d.id));
}

/** The notices of documents that left this device; the UI words them in the user's language. */
export function noticesFor(documents: readonly DocumentInfo[], reason: DocumentGoneReason): DocumentNotice[] {
  return documents.map((d) => ({
    id: `${d.id}:${reason}:${d.revision}`,
    meetingId: d.meetingId,
    documentId: d.id,
    title: d.title,
    reason,
  }));
}

/** Inserts or replaces documents by id, keeping the list's order (new ones at the end). */
export function upsertDocuments(list: readonly DocumentInfo[], upserted: readonly DocumentInfo[]): DocumentInfo[] {
  const byId = new Map(upserted.map((d) => [d.id, d]));
  const next = list.map((d) => byId.get(d.id) ?? d);
  for (const d of upserted) if (!list.some((held) => held.id === d.id)) next.push(d);
  return next;
}

export interface CopyStatus {
  cached: ReadonlySet<string>;
  /** Bytes held of copies being fetched. */
  partial: ReadonlyMap<string, number>;
  failed: ReadonlySet<string>;
  active: ReadonlySet<string>;
}

/** "12/30 tài liệu, 48 MB" for one meeting. */
export function progressOf(
  meetingId: string,
  documents: readonly DocumentInfo[],
  status: CopyStatus,
): DocumentProgress {
  const progress: DocumentProgress = {
    meetingId,
    total: documents.length,
    cached: 0,
    bytesTotal: 0,
    bytesCached: 0,
    failed: 0,
    active: false,
  };
  for (const d of documents) {
    progress.bytesTotal += d.size;
    if (status.cached.has(d.sha256)) {
      progress.cached += 1;
      progress.bytesCached += d.size;
      continue;
    }
    progress.bytesCached += Math.min(status.partial.get(d.sha256) ?? 0, d.size);
    if (status.failed.has(d.sha256)) progress.failed += 1;
    if (status.active.has(d.sha256)) progress.active = true;
  }
  return progress;
}

/** Progress for every listed meeting, as one record for the state. */
export function progressByMeeting(lists: DocumentLists, status: CopyStatus): Record<string, DocumentProgress> {
  const out: Record<string, DocumentProgress> = {};
  for (const [meetingId, documents] of lists) out[meetingId] = progressOf(meetingId, documents, status);
  return out;
}

/** Where the bytes of a document (or one earlier version of it) are served. */
export function contentUrl(serverUrl: string, documentId: string, version?: number): string {
  const base = `${serverUrl}/api/documents/${encodeURIComponent(documentId)}/content`;
  return version === undefined ? base : `${base}?version=${version}`;
}
