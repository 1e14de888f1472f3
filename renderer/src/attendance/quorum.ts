import { hasVote, quorumRequired, type QuorumRule } from '../../../shared/domain/index.js';
import type { MeetingRole, Participant } from '../../../shared/protocol/index.js';

export interface AttendanceCount {
  /** Members of the body: the chair and the delegates (they vote and count for the quorum). */
  members: number;
  /** Members checked in now. */
  present: number;
  /** Everyone checked in, members or not (secretary, observers). */
  everyonePresent: number;
}

export interface QuorumState {
  rule: QuorumRule;
  required: number;
  reached: boolean;
}

/**
 * Who checks in: the members (chair, delegates) and the secretary. Observers, the room
 * display's account among them, have no attendance: the server refuses it (NO_ATTENDANCE).
 */
export function takesAttendance(role: MeetingRole | null): boolean {
  return role !== null && role !== 'observer';
}

export function countAttendance(participants: readonly Participant[]): AttendanceCount {
  const members = participants.filter((p) => hasVote(p.role));
  return {
    members: members.length,
    present: members.filter((p) => p.present).length,
    everyonePresent: participants.filter((p) => p.present).length,
  };
}

/** Whether the members present now meet a quorum rule (the session's default is a majority). */
export function quorumState(count: AttendanceCount, rule: QuorumRule = 'majority'): QuorumState {
  const required = quorumRequired(rule, count.members);
  return { rule, required, reached: count.present >= required };
}
