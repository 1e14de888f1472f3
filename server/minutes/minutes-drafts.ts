import { MinutesContentSchema, type MinutesDraft } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';

export async function findMinutesDraft(db: Db, meetingId: string): Promise<MinutesDraft | null> {
  const row = await db.selectFrom('meeting_minutes').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
  if (!row) return null;
  return {
    content: MinutesContentSchema.parse(JSON.parse(row.content)),
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** Writes the draft as `version`; the caller has checked the version it replaces under the meeting's lock. */
export async function saveMinutesDraft(db: Db, meetingId: string, draft: MinutesDraft): Promise<void> {
  const values = {
    content: JSON.stringify(draft.content),
    version: draft.version,
    updated_at: draft.updatedAt,
    updated_by: draft.updatedBy,
  };
  if (draft.version === 1)
    await db
      .insertInto('meeting_minutes')
      .values({ meeting_id: meetingId, ...values })
      .execute();
  else await db.updateTable('meeting_minutes').set(values).where('meeting_id', '=', meetingId).execute();
}
