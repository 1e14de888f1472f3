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
    if (first) batches.push({ meetingId, sinceSeq: first.seq - 1, changes: compactBallotCounts(run) });
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
