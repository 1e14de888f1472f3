import type { Change, ChangeBatch } from '../../shared/protocol/index.js';

type BallotCounted = Extract<Change, { type: 'vote:ballot-counted' }>;

/**
 * Leaves out every ballot count that a later count of the same vote in the same run makes
 * moot: 500 ballots cast together then reach each tablet as a few counts, not 500. A
 * count is absolute, so the last one says all; a named vote's last count also lists the
 * voters of the counts left out (`voterIds`), so nobody who voted is missed.
 */
export function compactBallotCounts(changes: readonly Change[]): Change[] {
  const last = new Map<string, number>();
  changes.forEach((c, i) => {
    if (c.type === 'vote:ballot-counted') last.set(c.data.voteId, i);
  });
  const voters = new Map<string, string[]>();
  const kept: Change[] = [];
  changes.forEach((c, i) => {
    if (c.type !== 'vote:ballot-counted') {
      kept.push(c);
      return;
    }
    const { voteId } = c.data;
    const named = [...(voters.get(voteId) ?? []), ...votersOf(c)];
    if (last.get(voteId) !== i) {
      voters.set(voteId, named);
      return;
    }
    kept.push(named.length > votersOf(c).length ? withVoters(c, named) : c);
  });
  return kept;
}

function votersOf(c: BallotCounted): string[] {
  const listed = c.data.voterIds ?? [];
  return c.data.voterId !== null && !listed.includes(c.data.voterId) ? [...listed, c.data.voterId] : listed;
}

function withVoters(c: BallotCounted, voterIds: string[]): BallotCounted {
  return { ...c, data: { ...c.data, voterIds: [...new Set(voterIds)] } };
}

type AttendanceChange = Extract<Change, { type: 'attendance:checked-in' | 'attendance:checked-out' }>;

function isAttendance(c: Change): c is AttendanceChange {
  return c.type === 'attendance:checked-in' || c.type === 'attendance:checked-out';
}

/**
 * Sends a run of check-ins and check-outs as one `attendance:roll`: 500 delegates checking
 * in together then cost each tablet one small change, not 500 whole participants. A run
 * ends at a `participant:*` change (it may add the user, or set presence itself); the roll
 * takes the place of the run's last attendance change, each user as that run left them.
 */
export function compactAttendance(changes: readonly Change[]): Change[] {
  // Places left empty (an attendance change a later one of its run stands for) are dropped at the end.
  const kept: Array<Change | undefined> = [];
  let run: AttendanceChange[] = [];
  let rollAt = -1;
  const close = () => {
    const last = run.at(-1);
    if (last && run.length > 1) kept[rollAt] = roll(run, last);
    run = [];
    rollAt = -1;
  };
  for (const change of changes) {
    if (change.type === 'participant:set' || change.type === 'participant:removed') close();
    if (!isAttendance(change)) {
      kept.push(change);
      continue;
    }
    if (rollAt !== -1) kept[rollAt] = undefined;
    run.push(change);
    rollAt = kept.push(change) - 1;
  }
  close();
  return kept.filter((c) => c !== undefined);
}

function roll(run: readonly AttendanceChange[], last: AttendanceChange): Change {
  const present = new Map(run.map((c) => [c.data.participant.userId, c.type === 'attendance:checked-in']));
  const ids = (wanted: boolean) => [...present].filter(([, p]) => p === wanted).map(([id]) => id);
  const { meetingId, seq, at, actorId, commandId } = last;
  return {
    meetingId,
    seq,
    at,
    actorId,
    commandId,
    type: 'attendance:roll',
    data: { checkedIn: ids(true), checkedOut: ids(false) },
  };
}

/** What a batch or a catch-up sends of a run of changes: superseded counts and attendance folded. */
export function compactChanges(changes: readonly Change[]): Change[] {
  return compactAttendance(compactBallotCounts(changes));
}

/**
 * A meeting's changes as batches a client can apply: sorted, split wherever a seq is
 * missing (a commit still to be published: the client must not step over it, it catches
 * up instead), each run then compacted.
 */
export function changeBatches(meetingId: string, changes: readonly Change[]): ChangeBatch[] {
  const sorted = [...changes].sort((a, b) => a.seq - b.seq);
  const batches: ChangeBatch[] = [];
  let run: Change[] = [];
  const close = () => {
    const first = run[0];
    if (first) batches.push({ meetingId, sinceSeq: first.seq - 1, changes: compactChanges(run) });
    run = [];
  };
  for (const change of sorted) {
    const previous = run.at(-1);
    if (previous && change.seq === previous.seq) continue;
    if (previous && change.seq !== previous.seq + 1) close();
    run.push(change);
  }
  close();
  return batches;
}
