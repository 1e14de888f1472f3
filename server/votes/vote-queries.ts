import type { Vote, VoteOptions, VoteResult, VoteStatus } from '../../shared/protocol/index.js';
import type { Database } from '../db/database.js';

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

export function voterIds(db: Database, voteId: string): string[] {
  return (
    db.prepare('SELECT user_id FROM vote_voters WHERE vote_id = ? ORDER BY user_id').all(voteId) as Array<{
      user_id: string;
    }>
  ).map((r) => r.user_id);
}

function toVote(db: Database, r: VoteRow): VoteRecord {
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
    voterIds: r.kind === 'named' ? voterIds(db, r.id) : null,
    // A result is shown once published; a closed vote cancelled afterwards shows it too,
    // marked cancelled, so that cancelling can never bury a result nobody has seen.
    result: r.status === 'published' || r.status === 'cancelled' ? storedResult : null,
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

export function findVote(db: Database, voteId: string): VoteRecord | null {
  const row = db.prepare('SELECT * FROM votes WHERE id = ?').get(voteId) as VoteRow | undefined;
  return row ? toVote(db, row) : null;
}

export function listVotes(db: Database, meetingId: string): Vote[] {
  return (
    db.prepare('SELECT * FROM votes WHERE meeting_id = ? ORDER BY created_at, id').all(meetingId) as VoteRow[]
  ).map((r) => publicVote(toVote(db, r)));
}

export function listOpenVotesWithDeadline(db: Database): Array<{ id: string; meetingId: string; closesAt: string }> {
  return (
    db
      .prepare("SELECT id, meeting_id, closes_at FROM votes WHERE status = 'open' AND closes_at IS NOT NULL")
      .all() as Array<{
      id: string;
      meeting_id: string;
      closes_at: string;
    }>
  ).map((r) => ({ id: r.id, meetingId: r.meeting_id, closesAt: r.closes_at }));
}

/** Whether a vote of the meeting is closed, its result neither published nor cancelled. */
export function hasUnpublishedResult(db: Database, meetingId: string): boolean {
  return (
    db.prepare("SELECT 1 FROM votes WHERE meeting_id = ? AND status = 'closed' LIMIT 1").get(meetingId) !== undefined
  );
}

/** Whether any vote of the meeting is open now: its electorate and rules are then fixed. */
export function hasOpenVote(db: Database, meetingId: string): boolean {
  return (
    db.prepare("SELECT 1 FROM votes WHERE meeting_id = ? AND status = 'open' LIMIT 1").get(meetingId) !== undefined
  );
}

export function votesCastBy(db: Database, meetingId: string, userId: string): string[] {
  return (
    db
      .prepare(
        'SELECT v.id FROM vote_voters vv JOIN votes v ON v.id = vv.vote_id WHERE v.meeting_id = ? AND vv.user_id = ?',
      )
      .all(meetingId, userId) as Array<{ id: string }>
  ).map((r) => r.id);
}

export function insertVote(db: Database, v: Vote, createdBy: string, at: string): void {
  db.prepare(
    `INSERT INTO votes (id, meeting_id, agenda_item_id, question, kind, options, rule, base, quorum, allow_change,
       duration_seconds, status, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)`,
  ).run(
    v.id,
    v.meetingId,
    v.agendaItemId,
    v.question,
    v.kind,
    JSON.stringify(v.options),
    v.rule,
    v.base,
    v.quorum,
    v.allowChange ? 1 : 0,
    v.durationSeconds,
    createdBy,
    at,
  );
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
export function saveVoteState(db: Database, voteId: string, s: VoteStateChange): void {
  const sets = ['status = @status'];
  const params: Record<string, unknown> = { id: voteId, status: s.status };
  for (const [field, column] of Object.entries(STATE_COLUMNS)) {
    const value = s[field as keyof typeof STATE_COLUMNS];
    if (value === undefined) continue;
    sets.push(`${column} = @${field}`);
    params[field] = value;
  }
  if (s.result !== undefined) {
    sets.push('result = @result');
    params.result = s.result === null ? null : JSON.stringify(s.result);
  }
  db.prepare(`UPDATE votes SET ${sets.join(', ')} WHERE id = @id`).run(params);
}

/** A draft's definition, replaced whole before it opens. */
export function saveVoteDefinition(db: Database, v: Vote): void {
  db.prepare(
    `UPDATE votes SET agenda_item_id = ?, question = ?, kind = ?, options = ?, rule = ?, base = ?, quorum = ?,
       allow_change = ?, duration_seconds = ?, version = version + 1 WHERE id = ? AND status = 'draft'`,
  ).run(
    v.agendaItemId,
    v.question,
    v.kind,
    JSON.stringify(v.options),
    v.rule,
    v.base,
    v.quorum,
    v.allowChange ? 1 : 0,
    v.durationSeconds,
    v.id,
  );
}
