import type { MeetingRole, MeetingStatus, VisibleTo } from '../protocol/index.js';
import { canInMeeting, type Actor } from './permissions.js';

export interface DocumentViewer extends Actor {
  id: string;
  /** The viewer's role in the document's meeting now, or null. */
  role: MeetingRole | null;
}

export interface DocumentPlace {
  status: MeetingStatus;
  /** Set once the secretary recalled the meeting's papers. */
  documentsRecalledAt: string | null;
}

/** Those who prepare a meeting see all its papers, restricted or recalled (they manage them). */
const PAPER_KEEPERS: readonly MeetingRole[] = ['secretary'];

/**
 * Whether a user may know that a document exists: list it, receive it in a change, read its
 * bytes, find it by search. Everyone else gets "not found", never "forbidden".
 */
export function maySeeDocument(viewer: DocumentViewer, place: DocumentPlace, visibleTo: VisibleTo | null): boolean {
  if (!canInMeeting(viewer, 'meeting:view', { role: viewer.role, status: place.status })) return false;
  const keeper = (viewer.role !== null && PAPER_KEEPERS.includes(viewer.role)) || viewer.isAdmin;
  if (place.documentsRecalledAt !== null) return keeper;
  if (visibleTo === null) return true;
  if (viewer.role !== null && PAPER_KEEPERS.includes(viewer.role)) return true;
  return visibleTo.users.includes(viewer.id) || (viewer.role !== null && visibleTo.roles.includes(viewer.role));
}
