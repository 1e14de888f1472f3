import type { MeetingRole, MeetingStatus } from '../protocol/index.js';
import { canInLifecycle, isLifecycleAction } from './meeting-lifecycle.js';

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
  | 'participants:edit'
  /** Create, open, close, publish and cancel votes. */
  | 'vote:manage'
  /** Check others in and out. */
  | 'attendance:manage'
  /** Upload, replace, retitle, restrict, remove and recall the meeting's documents. */
  | 'documents:manage'
  /** Show a document and page to the room (presenter mode). */
  | 'presentation:run'
  /** End the session. */
  | 'meeting:close'
  /** Sign an approval or rejection of a document with one's own certificate. */
  | 'document:approve'
  /** Mark up one's own papers (private notes, shared at will). */
  | 'annotation:write'
  /** Start, pause and resume the session, move the room through the agenda, run the speakers' queue. */
  | 'session:run'
  /** Ask to speak, in one's own name. */
  | 'speaker:request'
  /** Draft and edit the minutes. */
  | 'minutes:edit'
  /** Read the minutes (draft or signed) before they are distributed. */
  | 'minutes:read'
  /** Sign the minutes with one's own certificate: the chair first, then a secretary. */
  | 'minutes:sign'
  /** Send a request to the secretaries' desk (a printed copy, a faulty microphone). */
  | 'message:request'
  /** Answer the participants' requests and change their state. */
  | 'message:handle'
  /** Send a notice to every tablet of the meeting, or to one participant. */
  | 'message:notice'
  /** Call the meeting off, or put it off, with a reason every participant is shown. */
  | 'meeting:cancel'
  /** Take the meeting out of the default list, or bring it back. */
  | 'meeting:archive'
  /** Start a new draft from this meeting (agenda, participants, settings). */
  | 'meeting:copy'
  /** Answer one's own invitation: attend, or absent with a reason. */
  | 'invitation:reply'
  /** See every participant's reply and reason. */
  | 'invitation:read-all';

export interface Actor {
  isAdmin: boolean;
  canCreateMeetings: boolean;
  /** Administers people and groups without being an admin (an office secretary). */
  managesPeople?: boolean | undefined;
}

export interface MeetingContext {
  /** The actor's role in this meeting now, or null if not a participant. */
  role: MeetingRole | null;
  status: MeetingStatus;
  /** The meeting's setting of who runs votes; the chair alone when not given. */
  voteManagers?: readonly MeetingRole[];
}

const PREPARERS: readonly MeetingRole[] = ['secretary'];
/** Who runs the session's votes unless the meeting allows more. */
const DEFAULT_VOTE_MANAGERS: readonly MeetingRole[] = ['chair'];
const ATTENDANCE_KEEPERS: readonly MeetingRole[] = ['secretary', 'chair'];
/** Who leads the room through its papers, and who ends the session. */
const PRESENTERS: readonly MeetingRole[] = ['chair', 'secretary'];
/** Members of the body: they count for the quorum and they vote. */
export const VOTING_ROLES: readonly MeetingRole[] = ['chair', 'delegate'];

export function hasVote(role: MeetingRole | null): boolean {
  return role !== null && VOTING_ROLES.includes(role);
}
/** Who signs approvals of the meeting's papers: the members and the secretaries, never observers. */
const SIGNERS: readonly MeetingRole[] = ['chair', 'delegate', 'secretary'];
/**
 * Who marks up the papers: those who read them for the meeting's business. Not observers
 * (the room's display among them), who follow the meeting but keep no working papers in it.
 */
const ANNOTATORS: readonly MeetingRole[] = ['chair', 'delegate', 'secretary'];
/** Who chairs the session: the chair alone gives the floor and moves the room on. */
const SESSION_RUNNERS: readonly MeetingRole[] = ['chair'];
/** Who may ask for the floor: the members of the body, who debate and vote. */
const SPEAKERS: readonly MeetingRole[] = ['chair', 'delegate'];
/** Who reads the minutes while they are drafted and signed: the secretary writes, the chair signs first. */
const MINUTES_READERS: readonly MeetingRole[] = ['secretary', 'chair'];
/**
 * Who sends requests to the secretaries' desk: those seated for the meeting's business. Not
 * observers (the room's display among them): they receive notices and send nothing.
 */
const REQUESTERS: readonly MeetingRole[] = ['chair', 'delegate', 'secretary'];
/** Who answers requests: the desk, i.e. any of the meeting's secretaries. */
const REQUEST_HANDLERS: readonly MeetingRole[] = ['secretary'];
/** Who speaks to the room's tablets. */
const NOTICE_SENDERS: readonly MeetingRole[] = ['chair', 'secretary'];
/** Who signs the minutes: the chair, then a secretary (Decree 30/2020/NĐ-CP: who chaired, who recorded). */
const MINUTES_SIGNERS: readonly MeetingRole[] = ['chair', 'secretary'];
/** Who sees a meeting before it is published: those who prepare or will run it. */
const DRAFT_READERS: readonly MeetingRole[] = ['secretary', 'chair'];

export function canCreateMeeting(actor: Actor): boolean {
  return actor.isAdmin || actor.canCreateMeetings;
}

/** Devices (issue 13): seeing everyone's and revoking one is an admin's alone. */
export function canManageDevices(actor: Actor): boolean {
  return actor.isAdmin;
}

/** Create, edit, disable accounts, reset passwords, import people, write groups. */
export function canManagePeople(actor: Actor): boolean {
  return actor.isAdmin || actor.managesPeople === true;
}

export function canListUsers(actor: Actor, rolesHeld: readonly MeetingRole[]): boolean {
  return actor.isAdmin || actor.canCreateMeetings || canManagePeople(actor) || rolesHeld.includes('secretary');
}

/** What happens in the session itself: only once the meeting is published, for anyone. */
const SESSION_ACTIONS: readonly MeetingAction[] = [
  'vote:manage',
  'attendance:manage',
  'presentation:run',
  'meeting:close',
  'session:run',
];

export function canInMeeting(actor: Actor, action: MeetingAction, ctx: MeetingContext): boolean {
  if (isLifecycleAction(action)) return canInLifecycle(actor, action, ctx);
  // A signature speaks for a participant in their own name: an admin's rights do not make one.
  if (action === 'document:approve') return ctx.status !== 'draft' && ctx.role !== null && SIGNERS.includes(ctx.role);
  // Notes are a person's own, like a signature: an admin who is no participant has no papers to mark.
  if (action === 'annotation:write') return ctx.role !== null && ANNOTATORS.includes(ctx.role);
  // Asking for the floor is a member's own act in the session, never an admin's right.
  if (action === 'speaker:request')
    return ctx.status === 'published' && ctx.role !== null && SPEAKERS.includes(ctx.role);
  // Minutes record a meeting that has taken place (or is taking place): none for a draft, an admin's neither.
  if ((action === 'minutes:edit' || action === 'minutes:read') && ctx.status === 'draft') return false;
  // Signing the minutes, like an approval, is a person's own act: the chair's and the secretaries', never an admin's.
  if (action === 'minutes:sign')
    return ctx.status !== 'draft' && ctx.role !== null && MINUTES_SIGNERS.includes(ctx.role);
  // Messages are sent in one's own name during the session: an admin who is no participant sends none.
  if (action === 'message:request') return messaging(ctx, REQUESTERS);
  if (action === 'message:handle') return messaging(ctx, REQUEST_HANDLERS);
  if (action === 'message:notice') return messaging(ctx, NOTICE_SENDERS);
  if (actor.isAdmin) return ctx.status === 'published' || !SESSION_ACTIONS.includes(action);
  const role = ctx.role;
  if (role === null) return false;
  switch (action) {
    case 'meeting:view':
      return ctx.status !== 'draft' || DRAFT_READERS.includes(role);
    case 'meeting:edit':
    case 'meeting:publish':
    case 'agenda:edit':
    case 'participants:edit':
    case 'documents:manage':
      return PREPARERS.includes(role);
    case 'presentation:run':
    case 'meeting:close':
      return ctx.status === 'published' && PRESENTERS.includes(role);
    case 'vote:manage':
      return ctx.status === 'published' && (ctx.voteManagers ?? DEFAULT_VOTE_MANAGERS).includes(role);
    case 'attendance:manage':
      return ctx.status === 'published' && ATTENDANCE_KEEPERS.includes(role);
    case 'session:run':
      return ctx.status === 'published' && SESSION_RUNNERS.includes(role);
    case 'minutes:edit':
      return PREPARERS.includes(role);
    case 'minutes:read':
      return MINUTES_READERS.includes(role);
  }
}

/** Messages belong to the session itself: a published meeting, a participant of these roles. */
function messaging(ctx: MeetingContext, roles: readonly MeetingRole[]): boolean {
  return ctx.status === 'published' && ctx.role !== null && roles.includes(ctx.role);
}

/** The audit log (every meeting's acts, sign-ins, accounts) is read by admins alone. */
export function canReadAuditLog(actor: Actor): boolean {
  return actor.isAdmin;
}
