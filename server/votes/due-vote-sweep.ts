import type { Db } from '../db/schema.js';
import { repeatEvery } from '../realtime/repeat.js';

/**
 * Every node looks in the database, once a second, for open votes past their deadline and
 * closes them. The node whose timer would have closed a vote may be gone (killed in the
 * middle of the vote), and a vote opened through another node has no timer here. Nodes that
 * find the same vote close it once: the close runs under the meeting's lock, so the others
 * find it closed.
 */
export function startDueVoteSweep(
  db: Db,
  now: () => Date,
  closeVote: (meetingId: string, voteId: string) => Promise<void>,
  everyMs = 1000,
): () => void {
  return repeatEvery(everyMs, async () => {
    const due = await db
      .selectFrom('votes')
      .select(['id', 'meeting_id'])
      .where('status', '=', 'open')
      .where('closes_at', '<=', now().toISOString())
      .execute()
      // An unreachable database is tried again at the next tick.
      .catch(() => []);
    for (const v of due) await closeVote(v.meeting_id, v.id);
  });
}
