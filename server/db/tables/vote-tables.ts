import type { Generated } from 'kysely';

// The votes, who may vote in each, and the ballots. Part of the schema: schema.ts says the
// column types' common ground.

export interface VotesTable {
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  question: string;
  kind: 'named' | 'secret';
  options: string;
  rule: string;
  base: string;
  quorum: string;
  allow_change: number;
  duration_seconds: number | null;
  status: 'draft' | 'open' | 'closed' | 'published' | 'cancelled';
  opened_at: string | null;
  opened_by: string | null;
  closes_at: string | null;
  closed_at: string | null;
  published_at: string | null;
  ballot_count: Generated<number>;
  result: string | null;
  created_by: string;
  created_at: string;
  closed_by: string | null;
  cancelled_at: string | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  version: Generated<number>;
}

export interface VoteVotersTable {
  vote_id: string;
  user_id: string;
  owner_proof: string | null;
  ballot_changes: Generated<number>;
}

export interface VoteBallotsTable {
  vote_id: string;
  ballot_id: string;
  voter_id: string | null;
  choices: string;
}

/** PostgreSQL only: sealed secret ballot boxes whose old row versions are still to be erased. */
export interface BallotBoxErasuresTable {
  vote_id: string;
  /** The seal's transaction id (xid8 as text): no snapshot older than it may remain. */
  sealed_xid: string;
  at: number;
}
