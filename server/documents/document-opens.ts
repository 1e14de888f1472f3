import type { Db } from '../db/schema.js';

/**
 * Records that a person opened this version of a document (migration 170), for their own
 * brief. The row only rises: opening an older version from the history does not make the
 * brief show again changes already read.
 */
export async function recordOpened(
  db: Db,
  userId: string,
  documentId: string,
  version: number,
  now: Date,
): Promise<void> {
  await db
    .insertInto('document_opens')
    .values({ user_id: userId, document_id: documentId, version, opened_at: now.toISOString() })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'document_id'])
        .doUpdateSet({ version, opened_at: now.toISOString() })
        // Checked in the write itself: commands of two devices racing never lower it.
        .where('document_opens.version', '<', version),
    )
    .execute();
}

/** The version of each of these documents the person last opened (absent: never). */
export async function openedVersions(
  db: Db,
  userId: string,
  documentIds: readonly string[],
): Promise<Map<string, number>> {
  if (documentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('document_opens')
    .select(['document_id', 'version'])
    .where('user_id', '=', userId)
    .where('document_id', 'in', documentIds)
    .execute();
  return new Map(rows.map((r) => [r.document_id, Number(r.version)]));
}
