import type { MeetingRole } from '../protocol/index.js';
import type { Actor, MeetingAction, MeetingContext } from './permissions.js';

/**
 * Who may act on a meeting over time (issue 13): send invitations' replies, call the meeting
 * off or put it off, archive it, copy it. Kept out of permissions.ts's switch so that file
 * stays one table of the session's rights; `canInMeeting` asks here for these actions.
 */
export const LIFECYCLE_ACTIONS = [
  'meeting:cancel',
  'meeting:archive',
  'meeting:copy',
  'invitation:reply',
  'invitation:read-all',
] as const satisfies readonly MeetingAction[];
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export function isLifecycleAction(action: MeetingAction): action is LifecycleAction {
  return (LIFECYCLE_ACTIONS as readonly string[]).includes(action);
}

/**
 * Calling a meeting off or putting it off is decided by whoever convenes it: the chair, or
 * the secretariat that sent the invitations in the chair's name.
 */
const CANCELLERS: readonly MeetingRole[] = ['secretary', 'chair'];
/** Archiving and copying are the secretariat's housekeeping, like preparing the meeting. */
const HOUSEKEEPERS: readonly MeetingRole[] = ['secretary'];
/**
 * Who is sent an invitation (giấy mời) and replies to it: the delegates. Not those who
 * convene and keep the meeting (the chair, in whose name the invitation goes out, and the
 * secretaries), nor observers (the room's display among them), who take no seat to announce.
 */
export const INVITED_ROLES: readonly MeetingRole[] = ['delegate'];

export function isInvited(role: MeetingRole | null): boolean {
  return role !== null && INVITED_ROLES.includes(role);
}
/** Who sees every reply (and its reason): those who prepare and run the meeting. */
const REPLY_READERS: readonly MeetingRole[] = ['secretary', 'chair'];

export function canInLifecycle(actor: Actor, action: LifecycleAction, ctx: MeetingContext): boolean {
  // A reply is a person's own word about their own presence: no admin right makes one, and
  // only the invited answer.
  if (action === 'invitation:reply') return ctx.status !== 'draft' && isInvited(ctx.role);
  if (actor.isAdmin) return true;
  const role = ctx.role;
  if (role === null) return false;
  switch (action) {
    case 'meeting:cancel':
      return CANCELLERS.includes(role);
    case 'meeting:archive':
    case 'meeting:copy':
      return HOUSEKEEPERS.includes(role);
    case 'invitation:read-all':
      return REPLY_READERS.includes(role);
  }
}

/**
 * What a cancelled meeting still allows: to be read, archived, copied, and its papers and
 * notes read. Everything that would hold it (votes, attendance, the session, the agenda,
 * invitations' replies) is refused with `MEETING_CANCELLED`.
 */
const STILL_ALLOWED_WHEN_CANCELLED: readonly MeetingAction[] = [
  'meeting:archive',
  'meeting:copy',
  'meeting:cancel',
  'minutes:read',
  'annotation:write',
  'invitation:read-all',
];

/** Whether `action` is refused because the meeting was called off. `meeting:view` is: ballots and check-ins are gated by it. */
export function refusedWhenCancelled(action: MeetingAction): boolean {
  return !STILL_ALLOWED_WHEN_CANCELLED.includes(action);
}

/**
 * What an archived meeting still allows: to be read, copied, its notes kept, and taken out
 * of the archive. A meeting archived before it was held (a past date) would otherwise still
 * start its session and take votes; whoever means to must un-archive it first.
 */
const STILL_ALLOWED_WHEN_ARCHIVED: readonly MeetingAction[] = [
  'meeting:archive',
  'meeting:copy',
  'minutes:read',
  'annotation:write',
  'invitation:read-all',
];

/** Whether `action` is refused because the meeting is archived (`MEETING_ARCHIVED`). */
export function refusedWhenArchived(action: MeetingAction): boolean {
  return !STILL_ALLOWED_WHEN_ARCHIVED.includes(action);
}
