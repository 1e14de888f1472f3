import type { MeetingRole, MeetingStatus } from '../protocol/index.js';
import {
  canCreateMeeting,
  canInMeeting,
  canListUsers,
  canManageDevices,
  canManagePeople,
  canReadAuditLog,
  hasVote,
  type Actor,
  type MeetingAction,
} from './permissions.js';

/**
 * What a sender must be allowed before the server looks at anything else in a command or a
 * request. Declared once so that the protocol reference renders its role table from the
 * same functions the server decides with, and a test holds the real server to it.
 *
 * - a `MeetingAction`: `canInMeeting` with the sender's role in that meeting;
 * - `create-meeting`: `canCreateMeeting` (there is no meeting, hence no role, yet);
 * - `own-ballot`: may see the meeting and holds a vote in it (`hasVote`);
 * - `self-or-attendance:manage`: the meeting is published; oneself if one has attendance,
 *   another participant with `attendance:manage`;
 * - `signed-in`: any signed-in user (the answer holds only what they may see);
 * - `list-users`: `canListUsers`;
 * - `manage-devices`: `canManageDevices` (admins);
 * - `manage-people`: `canManagePeople` (admins, and accounts given `managesPeople`).
 */
export type AccessGate =
  | MeetingAction
  | 'create-meeting'
  | 'own-ballot'
  | 'self-or-attendance:manage'
  | 'signed-in'
  | 'list-users'
  | 'manage-devices'
  | 'manage-people'
  /** `canReadAuditLog` (and other administration): admins alone. */
  | 'admin';

export interface AccessRule {
  gate: AccessGate;
  /** What the server checks after the gate, in the words and codes an integrator acts on. */
  conditions: readonly string[];
}

/** Observers (the room display among them) are not counted, so they have no attendance. */
export const NO_ATTENDANCE_ROLES: readonly MeetingRole[] = ['observer'];

export function hasAttendance(role: MeetingRole | null): boolean {
  return role !== null && !NO_ATTENDANCE_ROLES.includes(role);
}

/** Who sends, and where: the sender's account, their role in the meeting now, the meeting. */
export interface AccessAttempt {
  actor: Actor;
  role: MeetingRole | null;
  status: MeetingStatus;
  voteManagers?: readonly MeetingRole[];
  /** Attendance: whether the command names the sender. */
  self?: boolean;
  /** Every role the sender holds in any meeting (the directory is for those who prepare meetings). */
  rolesHeld?: readonly MeetingRole[];
}

export type GateRefusal = 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'NO_VOTING_RIGHT' | 'NO_ATTENDANCE';

/**
 * What the server answers a sender the gate stops, or null when it lets them through. A
 * meeting the sender may not see answers NOT_FOUND, never FORBIDDEN, so that the ids of
 * draft meetings do not leak.
 */
export function gateRefusal(gate: AccessGate, attempt: AccessAttempt): GateRefusal | null {
  const { actor, role, status, voteManagers } = attempt;
  if (gate === 'signed-in') return null;
  if (gate === 'create-meeting') return canCreateMeeting(actor) ? null : 'FORBIDDEN';
  if (gate === 'list-users') return canListUsers(actor, attempt.rolesHeld ?? []) ? null : 'FORBIDDEN';
  if (gate === 'manage-devices') return canManageDevices(actor) ? null : 'FORBIDDEN';
  if (gate === 'manage-people') return canManagePeople(actor) ? null : 'FORBIDDEN';
  if (gate === 'admin') return canReadAuditLog(actor) ? null : 'FORBIDDEN';
  const ctx = { role, status, ...(voteManagers ? { voteManagers } : {}) };
  if (!canInMeeting(actor, 'meeting:view', ctx)) return 'NOT_FOUND';
  switch (gate) {
    case 'own-ballot':
      return hasVote(role) ? null : 'NO_VOTING_RIGHT';
    case 'self-or-attendance:manage':
      if (status !== 'published') return 'CONFLICT';
      if (!attempt.self) return canInMeeting(actor, 'attendance:manage', ctx) ? null : 'FORBIDDEN';
      if (role === null) return 'NOT_FOUND';
      return hasAttendance(role) ? null : 'NO_ATTENDANCE';
    default:
      return canInMeeting(actor, gate, ctx) ? null : 'FORBIDDEN';
  }
}
