import type { Updateable } from 'kysely';
import type { Vote, VoteOptions, VoteResult, VoteStatus } from '../../shared/protocol/index.js';
import type { Db, VotesTable } from '../db/schema.js';
import { findResultSignature } from '../certificates/result-signing.js';
import { firstRow, preparedQuery } from '../db/prepared-query.js';

interface VoteRow {
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  question: string;
  kind: 'named' | 'secret';
  options: string;
  rule: Vote['rule'];
  base: Vote['base'];
  quorum: Vote['quorum'];
  allow_change: number;
  duration_seconds: number | null;
  status: VoteStatus;
  opened_at: string | null;
  opened_by: string | null;
  closes_at: string | null;
  closed_at: string | null;
  published_at: string | null;
  ballot_count: number;
  result: string | null;
  closed_by: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  version: number;
}

export interface VoteRecord extends Vote {
  openedBy: string | null;
  closedBy: string | null;
  cancelledBy: string | null;
  /** The result computed at close, published or not. */
  storedResult: VoteResult | null;
}

export async function voterIds(db: Db, voteId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('vote_voters')
    .select('user_id')
    .where('vote_id', '=', voteId)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

async function toVote(db: Db, r: VoteRow): Promise<VoteRecord> {
  const storedResult = r.result ? (JSON.parse(r.result) as VoteResult) : null;
  return {
    id: r.id,
    meetingId: r.meeting_id,
    agendaItemId: r.agenda_item_id,
    question: r.question,
    kind: r.kind,
    options: JSON.parse(r.options) as VoteOptions,
    rule: r.rule,
    base: r.base,
    quorum: r.quorum,
    allowChange: r.allow_change === 1,
    durationSeconds: r.duration_seconds,
    status: r.status,
    openedAt: r.opened_at,
    closesAt: r.closes_at,
    closedAt: r.closed_at,
    publishedAt: r.published_at,
    ballotCount: r.ballot_count,
    voterIds: r.kind === 'named' ? await voterIds(db, r.id) : null,
    // A result is shown once published; a closed vote cancelled afterwards shows it too,
    // marked cancelled, so that cancelling can never bury a result nobody has seen.
    result: r.status === 'published' || r.status === 'cancelled' ? storedResult : null,
    resultSignature: r.status === 'published' ? await findResultSignature(db, r.id) : null,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    version: r.version,
    openedBy: r.opened_by,
    closedBy: r.closed_by,
    cancelledBy: r.cancelled_by,
    storedResult,
  };
}

/** What clients may see of a vote: never the stored result before it is published (or buried). */
export function publicVote(v: VoteRecord): Vote {
  const { openedBy: _o, closedBy: _c, cancelledBy: _x, storedResult: _r, ...vote } = v;
  return vote;
}

export async function findVote(db: Db, voteId: string): Promise<VoteRecord | null> {
  const row = await db.selectFrom('votes').selectAll().where('id', '=', voteId).executeTakeFirst();
  return row ? toVote(db, row as VoteRow) : null;
}

/** What a ballot is checked against: not the vote's voter list, which a named vote of 500 would read 500 times over. */
export interface BallotTarget {
  id: string;
  meetingId: string;
  kind: 'named' | 'secret';
  options: VoteOptions;
  allowChange: boolean;
  status: VoteStatus;
  closesAt: string | null;
  openedBy: string | null;
}

export async function findBallotTarget(db: Db, voteId: string): Promise<BallotTarget | null> {
  const r = await firstRow(ballotTargetOf(db, { voteId }));
  if (!r) return null;
  return {
    id: r.id,
    meetingId: r.meeting_id,
    kind: r.kind,
    options: JSON.parse(r.options) as VoteOptions,
    allowChange: r.allow_change === 1,
    status: r.status,
    closesAt: r.closes_at,
    openedBy: r.opened_by,
  };
}

const ballotTargetOf = preparedQuery((db, v: { voteId: string }) =>
  db
    .selectFrom('votes')
    .select(['id', 'meeting_id', 'kind', 'options', 'allow_change', 'status', 'closes_at', 'opened_by'])
    .where('id', '=', v.voteId),
);

export async function listVotes(db: Db, meetingId: string): Promise<Vote[]> {
  const rows = await db
    .selectFrom('votes')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const votes: Vote[] = [];
  for (const r of rows) votes.push(publicVote(await toVote(db, r as VoteRow)));
  return votes;
}

export async function listOpenVotesWithDeadline(
  db: Db,
): Promise<Array<{ id: string; meetingId: string; closesAt: string }>> {
  const rows = await db
    .selectFrom('votes')
    .select(['id', 'meeting_id', 'closes_at'])
    .where('status', '=', 'open')
    .where('closes_at', 'is not', null)
    .execute();
  return rows.flatMap((r) =>
    r.closes_at === null ? [] : [{ id: r.id, meetingId: r.meeting_id, closesAt: r.closes_at }],
  );
}

async function hasVoteIn(db: Db, meetingId: string, status: 'open' | 'closed'): Promise<boolean> {
  const row = await db
    .selectFrom('votes')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('status', '=', status)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether a vote of the meeting is closed, its result neither published nor cancelled. */
export function hasUnpublishedResult(db: Db, meetingId: string): Promise<boolean> {
  return hasVoteIn(db, meetingId, 'closed');
}

/** Whether any vote of the meeting is open now: its electorate and rules are then fixed. */
export function hasOpenVote(db: Db, meetingId: string): Promise<boolean> {
  return hasVoteIn(db, meetingId, 'open');
}

export async function votesCastBy(db: Db, meetingId: string, userId: string): Promise<string[]> {
  // The meeting's votes first: on PostgreSQL voters are partitioned by vote, and a join on
  // the meeting would open every vote's partition in the city (and wait behind any of them
  // being rewritten after a seal).
  const voteIds = (await db.selectFrom('votes').select('id').where('meeting_id', '=', meetingId).execute()).map(
    (r) => r.id,
  );
  if (voteIds.length === 0) return [];
  const rows = await db
    .selectFrom('vote_voters')
    .select('vote_id')
    .where('vote_id', 'in', voteIds)
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.vote_id);
}

/** The columns of what a vote asks and how it is decided (a draft may still change them). */
function definitionColumns(v: Vote) {
  return {
    agenda_item_id: v.agendaItemId,
    question: v.question,
    kind: v.kind,
    options: JSON.stringify(v.options),
    rule: v.rule,
    base: v.base,
    quorum: v.quorum,
    allow_change: v.allowChange ? 1 : 0,
    duration_seconds: v.durationSeconds,
  };
}

export async function insertVote(db: Db, v: Vote, createdBy: string, at: string): Promise<void> {
  await db
    .insertInto('votes')
    .values({
      id: v.id,
      meeting_id: v.meetingId,
      ...definitionColumns(v),
      status: 'draft',
      created_by: createdBy,
      created_at: at,
    })
    .execute();
}

const STATE_COLUMNS = {
  openedAt: 'opened_at',
  openedBy: 'opened_by',
  closesAt: 'closes_at',
  closedAt: 'closed_at',
  closedBy: 'closed_by',
  publishedAt: 'published_at',
  cancelledAt: 'cancelled_at',
  cancelledBy: 'cancelled_by',
  cancelReason: 'cancel_reason',
} as const;

export type VoteStateChange = { status: VoteStatus; result?: VoteResult | null } & {
  [K in keyof typeof STATE_COLUMNS]?: string | null;
};

/** Moves a vote to a new state, setting only the columns given. */
export async function saveVoteState(db: Db, voteId: string, s: VoteStateChange): Promise<void> {
  const sets: Updateable<VotesTable> = { status: s.status };
  for (const [field, column] of Object.entries(STATE_COLUMNS)) {
    const value = s[field as keyof typeof STATE_COLUMNS];
    if (value === undefined) continue;
    sets[column] = value;
  }
  if (s.result !== undefined) sets.result = s.result === null ? null : JSON.stringify(s.result);
  await db.updateTable('votes').set(sets).where('id', '=', voteId).execute();
}

/** A draft's definition, replaced whole before it opens. */
export async function saveVoteDefinition(db: Db, v: Vote): Promise<void> {
  await db
    .updateTable('votes')
    .set((eb) => ({ ...definitionColumns(v), version: eb('version', '+', 1) }))
    .where('id', '=', v.id)
    .where('status', '=', 'draft')
    .execute();
}

/** Whether a vote of the meeting is open, or closed without its result published or cancelled. */
export async function hasUnsettledVote(db: Db, meetingId: string): Promise<boolean> {
  return (await hasOpenVote(db, meetingId)) || (await hasUnpublishedResult(db, meetingId));
}
