import type { Meeting } from '../../shared/protocol/index.js';
import { requireMeeting } from '../meetings/meeting-access.js';
import { currentPresentation, listAgenda, saveMeetingFields, savePresentation } from '../meetings/meeting-queries.js';
import {
  CommandRejected,
  type CommandContext,
  type CommandEffect,
  type CommandHandler,
} from '../sync/command-types.js';
import { audienceOf } from './document-audience.js';
import { deleteDocument, findDocument, type DocumentRecord } from './document-queries.js';
import { unreferencedBlobs } from './blob-store.js';

const ALREADY_RECALLED = { vi: 'Tài liệu đã được thu hồi.', en: 'The documents were recalled already.' };

async function requireDocument(ctx: CommandContext, meeting: Meeting, documentId: string): Promise<DocumentRecord> {
  const doc = await findDocument(ctx.db, documentId);
  if (!doc || doc.meetingId !== meeting.id) throw new CommandRejected('NOT_FOUND');
  return doc;
}

export const updateDocument: CommandHandler<'document:update'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'documents:manage');
  const doc = await requireDocument(ctx, meeting, cmd.documentId);
  if (cmd.agendaItemId && !(await listAgenda(ctx.db, meeting.id)).some((i) => i.id === cmd.agendaItemId))
    throw new CommandRejected('NOT_FOUND');
  if (cmd.visibleTo) {
    // What the room sees must stay something every participant may see.
    if ((await currentPresentation(ctx.db, meeting.id))?.documentId === doc.id)
      throw new CommandRejected('RESTRICTED_DOCUMENT');
  }
  const before = await audienceOf(ctx.db, meeting, doc.visibleTo);
  await ctx.db
    .updateTable('documents')
    .set((eb) => ({
      revision: eb('revision', '+', 1),
      ...(cmd.title !== undefined ? { title: cmd.title } : {}),
      ...(cmd.agendaItemId !== undefined ? { agenda_item_id: cmd.agendaItemId } : {}),
      ...(cmd.visibleTo !== undefined ? { visible_to: cmd.visibleTo ? JSON.stringify(cmd.visibleTo) : null } : {}),
    }))
    .where('id', '=', doc.id)
    .execute();
  return {
    meetingId: meeting.id,
    changes: [],
    documentNotices: [{ meetingId: meeting.id, documentId: doc.id, before, reason: 'access' }],
    auditDetail: { documentId: doc.id, ...(cmd.visibleTo !== undefined ? { visibleTo: cmd.visibleTo } : {}) },
  };
};

export const removeDocument: CommandHandler<'document:remove'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'documents:manage');
  const doc = await requireDocument(ctx, meeting, cmd.documentId);
  const before = await audienceOf(ctx.db, meeting, doc.visibleTo);
  const changes: CommandEffect['changes'] = [];
  if ((await currentPresentation(ctx.db, meeting.id))?.documentId === doc.id) {
    await savePresentation(ctx.db, meeting.id, null);
    changes.push({ type: 'presentation:changed', data: { presentation: null } });
  }
  await deleteDocument(ctx.dialect, ctx.db, doc.id);
  const orphans = await unreferencedBlobs(ctx.db);
  if (orphans.length > 0) await ctx.db.deleteFrom('document_blobs').where('sha256', 'in', orphans).execute();
  return {
    meetingId: meeting.id,
    changes,
    documentNotices: [{ meetingId: meeting.id, documentId: doc.id, before, reason: 'removed' }],
    discardBlobs: orphans,
    auditDetail: { documentId: doc.id, title: doc.title },
  };
};

/** After the close: every device deletes the papers; secretaries (and admins) still read them on the server. */
export const recallDocuments: CommandHandler<'documents:recall'> = async (ctx, cmd) => {
  const { seq: _seq, ...current } = await requireMeeting(ctx, cmd.meetingId, 'documents:manage');
  if (current.status !== 'closed') throw new CommandRejected('MEETING_NOT_CLOSED');
  if (current.documentsRecalledAt !== null) throw new CommandRejected('DOCUMENTS_RECALLED', ALREADY_RECALLED);
  const meeting: Meeting = { ...current, documentsRecalledAt: ctx.now.toISOString() };
  await saveMeetingFields(ctx.db, meeting);
  return { meetingId: meeting.id, changes: [{ type: 'meeting:documents-recalled', data: { meeting } }] };
};
