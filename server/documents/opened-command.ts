import { findDocument, findVersion } from './document-queries.js';
import { maySee, paperView } from './document-audience.js';
import { recordOpened } from './document-opens.js';
import { CommandRejected, type CommandHandler } from '../sync/command-types.js';

const NO_SUCH_PAPER = {
  vi: 'Không có tài liệu hoặc phiên bản này, hoặc bạn không được xem tài liệu này.',
  en: 'No such document or version, or you may not see this document.',
};

/**
 * The sender opened a paper in the reader. Checked as the document list is (`paperView`,
 * `maySee`): a paper they may not see is answered like one that does not exist, and leaves
 * no row. Not audited: who reads what, when, is the reader's own.
 */
export const recordDocumentOpened: CommandHandler<'document:opened'> = async (ctx, cmd) => {
  const view = await paperView(ctx.db, cmd.meetingId, ctx.actor);
  if (!view) throw new CommandRejected('NOT_FOUND', NO_SUCH_PAPER);
  const doc = await findDocument(ctx.db, cmd.documentId);
  if (!doc || !maySee(view, doc)) {
    // Recalled: every id answers alike, so that one paper kept from the sender (its id known
    // from before) is not told apart from an id of no paper. Only the keepers still see papers.
    if (view.meeting.documentsRecalledAt !== null) throw new CommandRejected('DOCUMENTS_RECALLED');
    throw new CommandRejected('NOT_FOUND', NO_SUCH_PAPER);
  }
  if (!(await findVersion(ctx.db, doc.id, cmd.version))) throw new CommandRejected('NOT_FOUND', NO_SUCH_PAPER);
  await recordOpened(ctx.db, ctx.actor.id, doc.id, cmd.version, ctx.now);
  return { meetingId: cmd.meetingId, changes: [], audit: false };
};
