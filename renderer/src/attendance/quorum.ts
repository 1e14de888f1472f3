import { hasVote, quorumRequired, type QuorumRule } from '../../../shared/domain/index.js';
import type { Participant, Vote } from '../../../shared/protocol/index.js';

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

/**
 * Members present for one vote: a member who voted counts as present for it, as the server
 * counts its quorum, even after checking out. A named vote says who voted; a secret one only
 * how many, so there at least as many as voted.
 */
export function presentForVote(
  participants: readonly Participant[],
  vote: Pick<Vote, 'voterIds' | 'ballotCount'>,
): number {
  const members = participants.filter((p) => hasVote(p.role));
  if (vote.voterIds) {
    const voted = new Set(vote.voterIds);
    return members.filter((p) => p.present || voted.has(p.userId)).length;
  }
  return Math.max(members.filter((p) => p.present).length, Math.min(vote.ballotCount, members.length));
}
