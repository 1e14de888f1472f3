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
}

export interface VoteRecord extends Vote {
  openedBy: string | null;
  /** The result computed at close, published or not. */
  storedResult: VoteResult | null;
}

function voterIds(db: Database, voteId: string): string[] {
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
    result: r.status === 'published' ? storedResult : null,
    openedBy: r.opened_by,
    storedResult,
  };
}

/** What clients may see of a vote: never the stored result before it is published. */
export function publicVote(v: VoteRecord): Vote {
  const { openedBy: _o, storedResult: _r, ...vote } = v;
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

export function saveVoteState(
  db: Database,
  voteId: string,
  s: {
    status: VoteStatus;
    openedAt?: string | null;
    openedBy?: string | null;
    closesAt?: string | null;
    closedAt?: string | null;
    publishedAt?: string | null;
    result?: VoteResult | null;
  },
): void {
  const current = db.prepare('SELECT * FROM votes WHERE id = ?').get(voteId) as VoteRow;
  db.prepare(
    `UPDATE votes SET status = ?, opened_at = ?, opened_by = ?, closes_at = ?, closed_at = ?, published_at = ?, result = ? WHERE id = ?`,
  ).run(
    s.status,
    s.openedAt !== undefined ? s.openedAt : current.opened_at,
    s.openedBy !== undefined ? s.openedBy : current.opened_by,
    s.closesAt !== undefined ? s.closesAt : current.closes_at,
    s.closedAt !== undefined ? s.closedAt : current.closed_at,
    s.publishedAt !== undefined ? s.publishedAt : current.published_at,
    s.result !== undefined ? (s.result === null ? null : JSON.stringify(s.result)) : current.result,
    voteId,
  );
}
