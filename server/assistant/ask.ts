import { MAX_ASK_HITS, protocolError, type Ack, type AskHit } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import type { Store } from '../db/store.js';
import { paperView, visibleDocuments } from '../documents/document-audience.js';
import { listMeetingDocuments } from '../documents/document-queries.js';
import type { UserRecord } from '../users/user-queries.js';
import type { NoteSource, PassageIndex, VersionSource } from './passage-index.js';
import { searchParts } from './bm25.js';
import { queryTerms } from './vietnamese-text.js';

/** A (document, version) whose pages are read from the database the first time they are indexed. */
export function versionSource(db: Db, documentId: string, version: number, sha256: string): VersionSource {
  return {
    documentId,
    version,
    sha256,
    pages: async () =>
      await db
        .selectFrom('document_pages')
        .select(['page', 'text'])
        .where('document_id', '=', documentId)
        .where('version', '=', version)
        .orderBy('page')
        .execute(),
  };
}

/**
 * The characters of notes one question reads: the asker's own, newest first, up to this,
 * and as much again of those others shared. A person may keep 5000 notes of 4000 characters
 * on each version: shared, one delegate's flood would otherwise be tens of millions of
 * characters that every asker in the room segments and holds (minutes of the server's only
 * thread, gigabytes of memory).
 */
export const MAX_NOTE_CHARS_PER_ASK = 100_000;

/**
 * The asker's own notes and those others shared, on the current versions of these documents
 * (the asker may see them all). Another person's private note is never read at all. A
 * highlight without a comment is the paper's own words, already a passage: only text the
 * note adds is indexed.
 */
async function notesOf(
  db: Db,
  askerId: string,
  meetingId: string,
  documents: ReadonlyArray<{ id: string; version: number }>,
): Promise<NoteSource[]> {
  if (documents.length === 0) return [];
  const current = new Map(documents.map((d) => [d.id, d.version]));
  const rows = await db
    .selectFrom('annotations')
    .select(['id', 'author_id', 'document_id', 'version', 'page', 'body', 'rev', 'updated_at'])
    .where('meeting_id', '=', meetingId)
    .where('deleted', '=', 0)
    .where('body', '!=', '')
    .where((eb) => eb.or([eb('author_id', '=', askerId), eb('shared', '=', 1)]))
    .where('document_id', 'in', [...current.keys()])
    .execute();
  const newestFirst = rows
    .filter((r) => current.get(r.document_id) === r.version)
    .sort((a, b) => (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : a.id < b.id ? -1 : 1));
  const budget = { own: MAX_NOTE_CHARS_PER_ASK, shared: MAX_NOTE_CHARS_PER_ASK };
  const kept: NoteSource[] = [];
  for (const r of newestFirst) {
    const whose = r.author_id === askerId ? 'own' : 'shared';
    if (r.body.length > budget[whose]) continue;
    budget[whose] -= r.body.length;
    kept.push({ id: r.id, rev: Number(r.rev), documentId: r.document_id, page: r.page, text: r.body });
  }
  return kept;
}

/**
 * The assistant's answer to a question about a meeting's papers: the passages of what the
 * asker may see — the same rule as the document list and the search (`paperView`,
 * `visibleDocuments`) — ranked by BM25 over those passages only. A meeting the asker may not
 * see answers NOT_FOUND.
 */
export async function askMeeting(
  store: Store,
  index: PassageIndex,
  user: UserRecord,
  meetingId: string,
  question: string,
): Promise<Ack<AskHit[]>> {
  // One consistent reading of who may see what, and of the versions and notes that are current.
  const read = await store.snapshot(async (db) => {
    const view = await paperView(db, meetingId, user);
    if (!view) return null;
    const documents = await visibleDocuments(db, view);
    const notes = await notesOf(db, user.id, meetingId, documents);
    return { documents, notes };
  });
  if (!read) return { ok: false, error: protocolError('NOT_FOUND') };
  const { keys } = queryTerms(question);
  if (keys.length === 0 || read.documents.length === 0) return { ok: true, data: [] };
  const titles = new Map(read.documents.map((d) => [d.id, d.title]));
  const parts = await index.partsFor(
    read.documents.map((d) => versionSource(store.db, d.id, d.version, d.sha256)),
    read.notes,
  );
  const hits = searchParts(parts, keys, MAX_ASK_HITS).map(({ document: p, score, spans }): AskHit => ({
    documentId: p.documentId,
    title: titles.get(p.documentId) ?? '',
    page: p.page,
    passage: p.text,
    score: Math.round(score * 10_000) / 10_000,
    highlights: spans,
    ...(p.annotationId ? { annotationId: p.annotationId } : {}),
  }));
  return { ok: true, data: hits };
}

/**
 * Builds the passages of a meeting's current versions ahead of the first question (after an
 * upload): in slices, in the background. It shows nobody anything; what a question may use
 * is still decided when it is asked. Other nodes build theirs at their first question.
 */
export async function warmMeeting(store: Store, index: PassageIndex, meetingId: string): Promise<void> {
  const documents = await listMeetingDocuments(store.db, meetingId);
  for (const d of documents) await index.partOfVersion(versionSource(store.db, d.id, d.version, d.sha256));
}
