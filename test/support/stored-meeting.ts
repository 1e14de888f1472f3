import type { Harness } from './server-harness.js';

/** The meeting as the database holds it now (on either engine), read past the server. */

const meetingRow = (h: Pick<Harness, 'server'>, meetingId: string) =>
  h.server.store.db
    .selectFrom('meetings')
    .select(['seq', 'version'])
    .where('id', '=', meetingId)
    .executeTakeFirstOrThrow();

/** The meeting's seq: its last logged change. */
export async function meetingSeq(h: Pick<Harness, 'server'>, meetingId: string): Promise<number> {
  return (await meetingRow(h, meetingId)).seq;
}

/** The meeting's stored version: what an edit of its fields must carry as `baseVersion`. */
export async function meetingVersion(h: Pick<Harness, 'server'>, meetingId: string): Promise<number> {
  return (await meetingRow(h, meetingId)).version;
}

/** The seqs of the meeting's logged changes, in order: a whole log counts 1, 2, 3 … */
export async function loggedSeqs(h: Pick<Harness, 'server'>, meetingId: string): Promise<number[]> {
  const log = h.server.store.db.selectFrom('meeting_changes').select('seq').where('meeting_id', '=', meetingId);
  return (await log.orderBy('seq').execute()).map((r) => r.seq);
}
