import type { MeetingRole, MeetingStatus } from '../protocol/index.js';

/**
 * The one place that decides who may do what. The server calls it for every command with
 * the user's role as it is in the database at that moment; the UI calls it only to hide
 * controls a user could not use anyway.
 */
export type MeetingAction =
  | 'meeting:view'
  | 'meeting:edit'
  | 'meeting:publish'
  | 'agenda:edit'
  | 'participants:edit';

export interface Actor {
  isAdmin: boolean;
  canCreateMeetings: boolean;
}

export interface MeetingContext {
  /** The actor's role in this meeting now, or null if not a participant. */
  role: MeetingRole | null;
  status: MeetingStatus;
}

const PREPARERS: readonly MeetingRole[] = ['secretary'];
/** Who sees a meeting before it is published: those who prepare or will run it. */
const DRAFT_READERS: readonly MeetingRole[] = ['secretary', 'chair'];

export function canCreateMeeting(actor: Actor): boolean {
  return actor.isAdmin || actor.canCreateMeetings;
}

export function canListUsers(actor: Actor, rolesHeld: readonly MeetingRole[]): boolean {
  return actor.isAdmin || actor.canCreateMeetings || rolesHeld.includes('secretary');
}

export function canInMeeting(actor: Actor, action: MeetingAction, ctx: MeetingContext): boolean {
  if (actor.isAdmin) return true;
  const role = ctx.role;
  if (role === null) return false;
  switch (action) {
    case 'meeting:view':
      return ctx.status === 'published' || DRAFT_READERS.includes(role);
    case 'meeting:edit':
    case 'meeting:publish':
    case 'agenda:edit':
    case 'participants:edit':
      return PREPARERS.includes(role);
  }
}
