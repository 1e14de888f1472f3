import { randomUUID } from 'node:crypto';
import { ChangeSchema, type Change, type ChangeData, type ChangeType } from '../../shared/protocol/index.js';
import type { Database } from '../db/database.js';

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

interface ChangeRow {
  meeting_id: string;
  seq: number;
  type: string;
  data: string;
  actor_id: string;
  command_id: string;
  at: string;
}

/**
 * Appends a change with the meeting's next sequence number. Must run inside the command's
 * transaction: the counter and the row move together, which is what keeps seq gap-free.
 */
export function appendChange(
  db: Database,
  meta: { meetingId: string; actorId: string; commandId: string; at: string },
  change: PendingChange,
): Change {
  const row = db.prepare('UPDATE meetings SET seq = seq + 1 WHERE id = ? RETURNING seq').get(meta.meetingId) as
    { seq: number } | undefined;
  if (!row) throw new Error(`appendChange: no meeting ${meta.meetingId}`);
  const commandId = change.anonymous ? randomUUID() : meta.commandId;
  db.prepare(
    `INSERT INTO meeting_changes (meeting_id, seq, type, data, actor_id, command_id, at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    meta.meetingId,
    row.seq,
    change.type,
    JSON.stringify(change.data),
    change.actorId ?? meta.actorId,
    commandId,
    meta.at,
  );
  return toChange({
    meeting_id: meta.meetingId,
    seq: row.seq,
    type: change.type,
    data: JSON.stringify(change.data),
    actor_id: change.actorId ?? meta.actorId,
    command_id: commandId,
    at: meta.at,
  });
}

export function changesSince(db: Database, meetingId: string, sinceSeq: number, limit: number): Change[] {
  const rows = db
    .prepare('SELECT * FROM meeting_changes WHERE meeting_id = ? AND seq > ? ORDER BY seq LIMIT ?')
    .all(meetingId, sinceSeq, limit) as ChangeRow[];
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
