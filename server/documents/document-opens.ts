import type { Db } from '../db/schema.js';

/**
 * Which version of a document a person last opened (migration 170), for their own brief.
 * The reader fetches a paper in many range requests; a node remembers what it wrote, so a
 * paper opened is one row written, not one per range. The row only rises: opening an older
 * version from the history does not make the brief show again changes already read.
 */
export class DocumentOpens {
  private readonly written = new Map<string, number>();

  constructor(private readonly max = 20_000) {}

  async record(db: Db, userId: string, documentId: string, version: number, now: Date): Promise<void> {
    const key = `${userId}:${documentId}`;
    if ((this.written.get(key) ?? 0) >= version) return;
    await db
      .insertInto('document_opens')
      .values({ user_id: userId, document_id: documentId, version, opened_at: now.toISOString() })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'document_id'])
          .doUpdateSet({ version, opened_at: now.toISOString() })
          // Checked in the write itself: nodes racing each other never lower it.
          .where('document_opens.version', '<', version),
      )
      .execute();
    if (this.written.size >= this.max) this.written.clear();
    this.written.set(key, version);
  }
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
