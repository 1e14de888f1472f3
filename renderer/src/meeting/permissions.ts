import type { MeetingState } from '../../../shared/client/store.js';
import { canCreateMeeting, canInMeeting, type MeetingContext } from '../../../shared/domain/index.js';
import type { User } from '../../../shared/protocol/index.js';

export interface MeetingPermissions {
  editMeeting: boolean;
  publish: boolean;
  editAgenda: boolean;
  editParticipants: boolean;
  /** The chair's vote console: create, open, close, publish, cancel. */
  manageVotes: boolean;
  /** Check others in and out, and watch the quorum (secretary and chair). */
  manageAttendance: boolean;
  /** The chair's session console: start, pause, move through the agenda, give the floor. */
  runSession: boolean;
  /** Ask for the floor (chair and delegates of a published meeting). */
  requestFloor: boolean;
}

/** The signed-in user's standing in a meeting, as the permission module reads it. */
export function meetingAccess(meeting: MeetingState): MeetingContext {
  return { role: meeting.myRole, status: meeting.meeting.status, voteManagers: meeting.meeting.voteManagers };
}

/** What to show, never what is allowed: the server checks every command again. */
export function meetingPermissions(user: User, meeting: MeetingState): MeetingPermissions {
  const ctx = meetingAccess(meeting);
  return {
    editMeeting: canInMeeting(user, 'meeting:edit', ctx),
    publish: meeting.meeting.status === 'draft' && canInMeeting(user, 'meeting:publish', ctx),
    editAgenda: canInMeeting(user, 'agenda:edit', ctx),
    editParticipants: canInMeeting(user, 'participants:edit', ctx),
    manageVotes: canInMeeting(user, 'vote:manage', ctx),
    manageAttendance: canInMeeting(user, 'attendance:manage', ctx),
    runSession: canInMeeting(user, 'session:run', ctx),
    requestFloor: canInMeeting(user, 'speaker:request', ctx),
  };
}

export function mayCreateMeetings(user: User): boolean {
  return canCreateMeeting(user);
}
