import { maySeeDocument } from '../../shared/domain/index.js';
import type { AnnotationInput } from '../../shared/protocol/index.js';
import { findDocument } from '../documents/document-queries.js';
import { requireMeeting } from '../meetings/meeting-access.js';
import { roleInMeeting } from '../meetings/meeting-queries.js';
import {
  CommandRejected,
  type CommandContext,
  type CommandEffect,
  type CommandHandler,
} from '../sync/command-types.js';
import {
  buryAnnotation,
  countOnVersion,
  findAnnotation,
  nextRev,
  savedRow,
  setShared,
  upsertAnnotation,
  type AnnotationRow,
} from './annotation-rows.js';

/** Past this on one version it is a script, not a person reading. */
export const MAX_ANNOTATIONS_PER_VERSION = 5000;
const TOO_MANY = {
  vi: `Mỗi người có tối đa ${MAX_ANNOTATIONS_PER_VERSION} ghi chú trên một phiên bản tài liệu.`,
  en: `A person keeps at most ${MAX_ANNOTATIONS_PER_VERSION} annotations on one version of a document.`,
};
const STAYS_ON_ITS_VERSION = {
  vi: 'Ghi chú thuộc về phiên bản tài liệu nơi nó được tạo; hãy mang sang bằng một ghi chú mới.',
  en: 'An annotation stays on the document version it was made on; carry it over as a new one.',
};
const NO_SUCH_PAGE = { vi: 'Tài liệu không có trang này.', en: 'The document has no such page.' };

/**
 * The document the annotation is on, checked as for reading it: a document of this meeting
 * the author may see, not recalled. In a recalled meeting every id answers DOCUMENTS_RECALLED;
 * otherwise anything else answers NOT_FOUND, as for no document.
 */
async function requirePaper(ctx: CommandContext, meetingId: string, documentId: string) {
  return paperIn(ctx, await requireMeeting(ctx, meetingId, 'annotation:write'), documentId);
}

async function paperIn(ctx: CommandContext, meeting: Awaited<ReturnType<typeof requireMeeting>>, documentId: string) {
  // Before the id is looked up: a paper kept from the author answers as no paper does.
  if (meeting.documentsRecalledAt !== null) throw new CommandRejected('DOCUMENTS_RECALLED');
  const doc = await findDocument(ctx.db, documentId);
  if (!doc || doc.meetingId !== meeting.id) throw new CommandRejected('NOT_FOUND');
  const viewer = { ...ctx.actor, role: await roleInMeeting(ctx.db, meeting.id, ctx.actor.id) };
  if (!maySeeDocument(viewer, meeting, doc.visibleTo)) throw new CommandRejected('NOT_FOUND');
  return meeting;
}

/** Another person's annotation is answered like none at all, so that ids cannot be probed. */
async function requireOwn(ctx: CommandContext, meetingId: string, id: string): Promise<AnnotationRow> {
  const meeting = await requireMeeting(ctx, meetingId, 'annotation:write');
  const row = await findAnnotation(ctx.db, id);
  if (!row || row.author_id !== ctx.actor.id || row.meeting_id !== meetingId) throw new CommandRejected('NOT_FOUND');
  await paperIn(ctx, meeting, row.document_id);
  return row;
}

/**
 * What a write tells, and to whom: its author's devices always; the document's audience when
 * it is or was shared. A private note leaves no audit row: it is the reader's own, not an act
 * of the meeting, and its times alone would tell an administrator who reads what, when.
 */
function written(
  meetingId: string,
  row: Pick<AnnotationRow, 'id' | 'document_id' | 'shared'>,
  rev?: number,
): CommandEffect {
  const sharedBefore = row.shared === 1;
  return {
    meetingId,
    changes: [],
    ...(rev === undefined ? {} : { receiptRev: rev, annotationNotices: [{ annotationId: row.id, sharedBefore }] }),
    audit: sharedBefore ? { annotationId: row.id, documentId: row.document_id } : false,
  };
}

export const saveAnnotation: CommandHandler<'annotation:save'> = async (ctx, cmd) => {
  const input: AnnotationInput = cmd.annotation;
  await requirePaper(ctx, cmd.meetingId, input.documentId);
  const version = await ctx.db
    .selectFrom('document_versions')
    .select('pages')
    .where('document_id', '=', input.documentId)
    .where('version', '=', input.version)
    .executeTakeFirst();
  if (!version) throw new CommandRejected('NOT_FOUND');
  if (input.page > version.pages) throw new CommandRejected('VALIDATION_FAILED', NO_SUCH_PAGE);
  const existing = await findAnnotation(ctx.db, input.id);
  if (existing && (existing.author_id !== ctx.actor.id || existing.meeting_id !== cmd.meetingId))
    throw new CommandRejected('NOT_FOUND');
  if (existing && (existing.document_id !== input.documentId || existing.version !== input.version))
    throw new CommandRejected('CONFLICT', STAYS_ON_ITS_VERSION);
  if (input.carriedFrom !== null) {
    // Carried over from one of the author's own notes on this document, or from none at all.
    const origin = await findAnnotation(ctx.db, input.carriedFrom);
    if (!origin || origin.author_id !== ctx.actor.id || origin.document_id !== input.documentId)
      throw new CommandRejected('NOT_FOUND');
  }
  // Deleted stays deleted: an edit made offline before the deletion arrives after it.
  if (existing?.deleted === 1) return written(cmd.meetingId, existing);
  if (
    !existing &&
    (await countOnVersion(ctx.db, ctx.actor.id, input.documentId, input.version)) >= MAX_ANNOTATIONS_PER_VERSION
  )
    throw new CommandRejected('CONFLICT', TOO_MANY);
  const rev = await nextRev(ctx.db, ctx.actor.id);
  const shared = existing?.shared === 1;
  const at = ctx.now.toISOString();
  // Others count only the writes they could see: a private edit moves nothing they hold.
  const edits = existing ? existing.edits + (shared ? 1 : 0) : 1;
  await upsertAnnotation(
    ctx.db,
    savedRow(input, { meetingId: cmd.meetingId, authorId: ctx.actor.id, shared, rev, edits, at }),
  );
  return written(cmd.meetingId, { id: input.id, document_id: input.documentId, shared: shared ? 1 : 0 }, rev);
};

export const deleteAnnotation: CommandHandler<'annotation:delete'> = async (ctx, cmd) => {
  const row = await requireOwn(ctx, cmd.meetingId, cmd.annotationId);
  if (row.deleted === 1) return written(cmd.meetingId, row);
  const rev = await nextRev(ctx.db, ctx.actor.id);
  await buryAnnotation(ctx.db, row.id, rev, ctx.now.toISOString(), row.shared === 1);
  return written(cmd.meetingId, row, rev);
};

function shareHandler(shared: boolean): CommandHandler<'annotation:share' | 'annotation:withdraw'> {
  return async (ctx, cmd) => {
    const row = await requireOwn(ctx, cmd.meetingId, cmd.annotationId);
    if (row.deleted === 1 || (row.shared === 1) === shared) return written(cmd.meetingId, row);
    const rev = await nextRev(ctx.db, ctx.actor.id);
    await setShared(ctx.db, row.id, shared, rev, ctx.now.toISOString());
    // Sharing is the meeting's business from now on: audited, whichever way it goes.
    return {
      ...written(cmd.meetingId, row, rev),
      audit: { annotationId: row.id, documentId: row.document_id, shared },
    };
  };
}

export const shareAnnotation = shareHandler(true) as CommandHandler<'annotation:share'>;
export const withdrawAnnotation = shareHandler(false) as CommandHandler<'annotation:withdraw'>;
