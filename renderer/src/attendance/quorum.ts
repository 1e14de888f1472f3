import { hasVote, quorumRequired, type QuorumRule } from '../../../shared/domain/index.js';
import type { Participant } from '../../../shared/protocol/index.js';

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
