import { sql } from 'kysely';
import { foldForSearch } from '../../shared/domain/index.js';
import {
  AnnotationGeometrySchema,
  type Annotation,
  type AnnotationGeometry,
  type AnnotationInput,
} from '../../shared/protocol/index.js';
import type { AnnotationsTable, Db } from '../db/schema.js';

/** An annotation's row with its author's name, as every read selects it. */
export type AnnotationRow = AnnotationsTable & { author_name: string };

/** Every read of annotations starts here: the author's name comes with the row. */
export function selectAnnotations(db: Db) {
  return db
    .selectFrom('annotations as a')
    .innerJoin('users as u', 'u.id', 'a.author_id')
    .selectAll('a')
    .select('u.display_name as author_name');
}

export function toAnnotation(row: AnnotationRow): Annotation {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    documentId: row.document_id,
    version: row.version,
    page: row.page,
    kind: row.kind,
    geometry: row.geometry === null ? null : parseGeometry(row.geometry),
    color: row.color,
    opacity: Number(row.opacity),
    text: row.body,
    quote: row.quote,
    shared: row.shared === 1,
    author: { id: row.author_id, displayName: row.author_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    carriedFrom: row.carried_from,
    rev: Number(row.rev),
    deleted: row.deleted === 1,
  };
}

/**
 * An annotation as anyone but its author receives it. Shared: all of it, ordered by its own
 * count of writes (the author's rev would count their private notes too) and without the
 * annotation it was carried from (which may be private). Withdrawn or deleted: that it is
 * gone, and nothing of what it is now.
 */
export function asSeenByOthers(row: AnnotationRow): Annotation {
  const annotation = { ...toAnnotation(row), rev: Number(row.edits), carriedFrom: null };
  if (annotation.shared && !annotation.deleted) return annotation;
  return {
    ...annotation,
    page: 1,
    kind: 'note',
    geometry: null,
    color: '#000000',
    opacity: 1,
    text: '',
    quote: '',
    shared: false,
    updatedAt: annotation.createdAt,
  };
}

function parseGeometry(text: string): AnnotationGeometry | null {
  const parsed = AnnotationGeometrySchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

export async function findAnnotation(db: Db, id: string): Promise<AnnotationRow | null> {
  return (await selectAnnotations(db).where('a.id', '=', id).executeTakeFirst()) ?? null;
}

/**
 * The next `rev` of an author's annotation writes. Called under the author's lock, so two
 * nodes never hand out the same one; a gap-free count makes "the higher wins" an order of
 * arrival at the server, never of a device's clock.
 */
export async function nextRev(db: Db, userId: string): Promise<number> {
  const { rows } = await sql<{ rev: number }>`
    INSERT INTO annotation_heads (user_id, rev) VALUES (${userId}, 1)
    ON CONFLICT (user_id) DO UPDATE SET rev = annotation_heads.rev + 1
    RETURNING rev`.execute(db);
  const rev = rows[0]?.rev;
  if (rev === undefined) throw new Error('no annotation rev');
  return Number(rev);
}

/** The row of an annotation as saved now (made or changed). */
export function savedRow(
  input: AnnotationInput,
  meta: { meetingId: string; authorId: string; shared: boolean; rev: number; edits: number; at: string },
): AnnotationsTable {
  return {
    id: input.id,
    author_id: meta.authorId,
    meeting_id: meta.meetingId,
    document_id: input.documentId,
    version: input.version,
    page: input.page,
    kind: input.kind,
    geometry: JSON.stringify(input.geometry),
    color: input.color,
    opacity: input.opacity,
    body: input.text.normalize('NFC'),
    quote: input.quote.normalize('NFC'),
    folded: foldForSearch(`${input.text} ${input.quote}`),
    shared: meta.shared ? 1 : 0,
    carried_from: input.carriedFrom,
    created_at: input.createdAt,
    updated_at: meta.at,
    rev: meta.rev,
    edits: meta.edits,
    deleted: 0,
  };
}

export async function upsertAnnotation(db: Db, row: AnnotationsTable): Promise<void> {
  const { id: _id, author_id: _author, meeting_id: _meeting, created_at: _created, ...changed } = row;
  await db
    .insertInto('annotations')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(changed))
    .execute();
}

/** What is left of a deleted annotation: where it was and its new rev, never its content. */
export async function buryAnnotation(db: Db, id: string, rev: number, at: string, seen: boolean): Promise<void> {
  await db
    .updateTable('annotations')
    .set((eb) => ({
      ...{ deleted: 1, shared: 0, geometry: null, body: '', quote: '', folded: '', rev, updated_at: at },
      edits: eb('edits', '+', seen ? 1 : 0),
    }))
    .where('id', '=', id)
    .execute();
}

export async function setShared(db: Db, id: string, shared: boolean, rev: number, at: string): Promise<void> {
  await db
    .updateTable('annotations')
    .set((eb) => ({ shared: shared ? 1 : 0, rev, updated_at: at, edits: eb('edits', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** How many annotations an author keeps on one document version (tombstones included). */
export async function countOnVersion(db: Db, authorId: string, documentId: string, version: number): Promise<number> {
  const row = await db
    .selectFrom('annotations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('author_id', '=', authorId)
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
