import { randomUUID } from 'node:crypto';
import { ChangeSchema, type Change, type ChangeData, type ChangeType } from '../../shared/protocol/index.js';
import type { Db, MeetingChangesTable } from '../db/schema.js';
import { firstRow, preparedQuery } from '../db/prepared-query.js';

export interface PendingChange<T extends ChangeType = ChangeType> {
  type: T;
  data: ChangeData<T>;
  /** Who the log names as the actor, when it must not be the command's sender. */
  actorId?: string | undefined;
  /**
   * Not tied to the command that made it: the row gets a fresh random command id, so that
   * it joins to no row of `commands` (a secret ballot's change must not lead to its voter).
   */
  anonymous?: boolean;
}

type ChangeRow = MeetingChangesTable;

const nextSeq = preparedQuery((db, v: { meetingId: string }) =>
  db
    .updateTable('meetings')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', v.meetingId)
    .returning('seq'),
);

const insertChange = preparedQuery((db, row: ChangeRow) =>
  db.insertInto('meeting_changes').values({
    meeting_id: row.meeting_id,
    seq: row.seq,
    type: row.type,
    data: row.data,
    actor_id: row.actor_id,
    command_id: row.command_id,
    at: row.at,
  }),
);

/**
 * Appends a change with the meeting's next sequence number. Must run inside the command's
 * transaction: the counter and the row move together, and the UPDATE holds the meeting's
 * row until the commit, which is what keeps seq gap-free with several writers (the primary
 * key (meeting_id, seq) refuses a duplicate should anything else go wrong).
 */
export async function appendChange(
  tx: Db,
  meta: { meetingId: string; actorId: string; commandId: string; at: string },
  change: PendingChange,
): Promise<Change> {
  const row = await firstRow(nextSeq(tx, { meetingId: meta.meetingId }));
  if (!row) throw new Error(`appendChange: no meeting ${meta.meetingId}`);
  const stored: ChangeRow = {
    meeting_id: meta.meetingId,
    seq: row.seq,
    type: change.type,
    data: JSON.stringify(change.data),
    actor_id: change.actorId ?? meta.actorId,
    command_id: change.anonymous ? randomUUID() : meta.commandId,
    at: meta.at,
  };
  await insertChange(tx, stored);
  // Built here from typed data, so not parsed again (that is for rows read back).
  return {
    meetingId: stored.meeting_id,
    seq: stored.seq,
    type: change.type,
    data: change.data,
    actorId: stored.actor_id,
    commandId: stored.command_id,
    at: stored.at,
  } as Change;
}

export async function changesSince(db: Db, meetingId: string, sinceSeq: number, limit: number): Promise<Change[]> {
  const rows = await db
    .selectFrom('meeting_changes')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('seq', '>', sinceSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toChange);
}

function toChange(row: ChangeRow): Change {
  // Parsing on the way out keeps a corrupted row from reaching clients as a valid change.
  return ChangeSchema.parse({
    meetingId: row.meeting_id,
    seq: row.seq,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    actorId: row.actor_id,
    commandId: row.command_id,
    at: row.at,
  });
}
