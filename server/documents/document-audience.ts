import { maySeeDocument, type DocumentPlace } from '../../shared/domain/index.js';
import type { Meeting, VisibleTo } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import { findMeeting, listParticipants, roleInMeeting } from '../meetings/meeting-queries.js';
import type { UserRecord } from '../users/user-queries.js';
import { listMeetingDocuments, type DocumentRecord } from './document-queries.js';

/**
 * Who may see a document: either every participant of its meeting (and admins), or the
 * participants named here. Computed before a change and after it, so that those who gain
 * a document receive it and those who lose it are told to delete it.
 */
export type Audience = { everyone: true } | { everyone: false; users: string[] };

export const NOBODY: Audience = { everyone: false, users: [] };

export async function audienceOf(
  db: Db,
  place: DocumentPlace & { id: string },
  visibleTo: VisibleTo | null,
): Promise<Audience> {
  const participants = await listParticipants(db, place.id);
  const allowed = participants.filter((p) =>
    maySeeDocument({ id: p.userId, role: p.role, isAdmin: false, canCreateMeetings: false }, place, visibleTo),
  );
  if (allowed.length === participants.length && visibleTo === null && place.documentsRecalledAt === null)
    return { everyone: true };
  return { everyone: false, users: allowed.map((p) => p.userId) };
}

/** A meeting and the asker's place in it, for deciding what of its papers they may see. */
export interface PaperView {
  meeting: Meeting;
  viewer: { id: string; role: Awaited<ReturnType<typeof roleInMeeting>>; isAdmin: boolean; canCreateMeetings: boolean };
}

/** The asker's view of a meeting, or null when they may not see the meeting at all. */
export async function paperView(db: Db, meetingId: string, user: UserRecord): Promise<PaperView | null> {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) return null;
  const viewer = {
    id: user.id,
    role: await roleInMeeting(db, meetingId, user.id),
    isAdmin: user.isAdmin,
    canCreateMeetings: user.canCreateMeetings,
  };
  // A document's visibility implies the meeting's; an unrestricted one is exactly that.
  if (!maySeeDocument(viewer, { ...meeting, documentsRecalledAt: null }, null)) return null;
  return { meeting, viewer };
}

export function maySee(view: PaperView, doc: Pick<DocumentRecord, 'visibleTo' | 'meetingId'>): boolean {
  return doc.meetingId === view.meeting.id && maySeeDocument(view.viewer, view.meeting, doc.visibleTo);
}

export async function visibleDocuments(db: Db, view: PaperView): Promise<DocumentRecord[]> {
  return (await listMeetingDocuments(db, view.meeting.id)).filter((d) => maySee(view, d));
}
