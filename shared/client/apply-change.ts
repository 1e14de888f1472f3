import { applyAgendaEdit } from '../domain/agenda-tree.js';
import type { Change, MeetingUpdate, Participant, RequestResult, Vote } from '../protocol/index.js';
import type { MeetingState } from './store.js';

function upsertParticipant(list: readonly Participant[], p: Participant): Participant[] {
  return [...list.filter((x) => x.userId !== p.userId), p];
}

function upsertVote(list: readonly Vote[], v: Vote): Vote[] {
  const i = list.findIndex((x) => x.id === v.id);
  if (i === -1) return [...list, v];
  const next = [...list];
  next[i] = v;
  return next;
}

/**
 * The client's reducer: the state after one change. Pure, so the desktop cache, the
 * browser tab and tests all agree on what a change means.
 */
export function applyChange(state: MeetingState, change: Change, myUserId?: string): MeetingState {
  const next: MeetingState = { ...state, seq: change.seq };
  switch (change.type) {
    case 'meeting:created':
    case 'meeting:updated':
    case 'meeting:published':
    case 'meeting:closed':
    case 'meeting:documents-recalled':
    case 'meeting:cancelled':
    case 'meeting:postponed':
    case 'meeting:archived':
      return { ...next, meeting: change.data.meeting };
    case 'presentation:changed':
      return { ...next, presentation: change.data.presentation };
    case 'session:changed':
      return { ...next, session: change.data.session };
    case 'speakers:changed':
      return { ...next, speakers: change.data.speakers };
    case 'agenda:item-added':
    case 'agenda:item-updated':
    case 'agenda:item-moved':
    case 'agenda:item-removed':
      return { ...next, agenda: applyAgendaEdit(state.agenda, change.data) };
    case 'participant:set':
    case 'attendance:checked-in':
    case 'attendance:checked-out':
      return { ...next, participants: upsertParticipant(state.participants, change.data.participant) };
    case 'attendance:roll': {
      const present = new Map<string, boolean>([
        ...change.data.checkedIn.map((id) => [id, true] as const),
        ...change.data.checkedOut.map((id) => [id, false] as const),
      ]);
      const participants = state.participants.map((p) => {
        const now = present.get(p.userId);
        return now === undefined || now === p.present ? p : { ...p, present: now };
      });
      return { ...next, participants };
    }
    case 'participant:removed':
      return { ...next, participants: state.participants.filter((x) => x.userId !== change.data.userId) };
    case 'vote:created':
    case 'vote:updated':
    case 'vote:opened':
    case 'vote:closed':
    case 'vote:published':
    case 'vote:cancelled':
      return { ...next, votes: upsertVote(state.votes, change.data.vote) };
    case 'vote:ballot-counted': {
      const { voteId, ballotCount, voterId } = change.data;
      // A batch may have left out earlier counts: their voters come along in voterIds.
      const counted = [...(change.data.voterIds ?? []), ...(voterId === null ? [] : [voterId])];
      const votes = state.votes.map((v) =>
        v.id === voteId
          ? {
              ...v,
              ballotCount,
              voterIds: v.voterIds && counted.length > 0 ? [...new Set([...v.voterIds, ...counted])] : v.voterIds,
            }
          : v,
      );
      const mine = myUserId !== undefined && counted.includes(myUserId) && !state.myBallots.includes(voteId);
      return { ...next, votes, myBallots: mine ? [...state.myBallots, voteId] : state.myBallots };
    }
  }
}

/**
 * A meeting after a sync's or catch-up's update. A sync snapshot is authoritative (it may
 * even be older: a restored server); changes apply only in sequence from the state held.
 */
export function applyUpdate(
  held: MeetingState | undefined,
  update: MeetingUpdate,
  fromSync: boolean,
  myUserId: string | undefined,
): MeetingState | undefined {
  if (update.kind === 'snapshot') {
    if (!fromSync && held && update.snapshot.seq <= held.seq) return held;
    return { ...update.snapshot, myRole: held?.myRole ?? null };
  }
  if (!held) return held;
  return applyChanges(held, update.sinceSeq, update.changes, myUserId) ?? held;
}

/**
 * A run of changes after `sinceSeq` (a `meeting:changes` batch or a catch-up): what the
 * state already holds is skipped; null when the run starts beyond it (a gap: catch up).
 * The run may step over seqs: superseded ballot counts the server left out.
 */
export function applyChanges(
  held: MeetingState,
  sinceSeq: number,
  changes: readonly Change[],
  myUserId: string | undefined,
): MeetingState | null {
  if (sinceSeq > held.seq) return null;
  let state = held;
  for (const change of changes) {
    if (change.seq <= state.seq) continue;
    state = withMyRole(applyChange(state, change, myUserId), myUserId);
  }
  return state;
}

/** The state with the user's role as its participants now say. */
export function withMyRole(state: MeetingState, myUserId: string | undefined): MeetingState {
  const role = state.participants.find((p) => p.userId === myUserId)?.role ?? null;
  return role === state.myRole ? state : { ...state, myRole: role };
}

/**
 * The meetings after a `session:sync` answer: each listed one brought up to date with its
 * update (or kept as held), with the user's role as listed; one not listed is dropped.
 */
export function applySync(
  held: Readonly<Record<string, MeetingState>>,
  answer: RequestResult<'session:sync'>,
  userId: string | undefined,
): Record<string, MeetingState> {
  const meetings: Record<string, MeetingState> = {};
  const updates = new Map(answer.updates.map((u) => [u.meetingId, u]));
  for (const summary of answer.meetings) {
    const update = updates.get(summary.id);
    const next = update ? applyUpdate(held[summary.id], update, true, userId) : held[summary.id];
    if (next) meetings[summary.id] = { ...next, myRole: summary.myRole };
  }
  return meetings;
}
