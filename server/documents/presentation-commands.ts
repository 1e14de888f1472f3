import type { Presentation } from '../../shared/protocol/index.js';
import { requireMeeting } from '../meetings/meeting-access.js';
import { currentPresentation, savePresentation } from '../meetings/meeting-queries.js';
import { CommandRejected, type CommandHandler } from '../sync/command-types.js';
import { maySee, paperView } from './document-audience.js';
import { findDocument } from './document-queries.js';

const NO_SUCH_PAGE = { vi: 'Tài liệu không có trang này.', en: 'The document has no such page.' };

/**
 * The presenter shows the room a document and page. Only a document every participant may
 * see: the change goes to the whole room, and a follower's reader opens what it names.
 */
export const showPresentation: CommandHandler<'presenter:show'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'presentation:run');
  const doc = await findDocument(ctx.db, cmd.documentId);
  const view = await paperView(ctx.db, meeting.id, ctx.actor);
  // A paper the presenter may not see answers as one that does not exist.
  if (!doc || !view || !maySee(view, doc)) throw new CommandRejected('NOT_FOUND');
  if (doc.visibleTo !== null) throw new CommandRejected('RESTRICTED_DOCUMENT');
  if (cmd.page > doc.pages) throw new CommandRejected('VALIDATION_FAILED', NO_SUCH_PAGE);
  const presentation: Presentation = {
    documentId: doc.id,
    version: doc.version,
    page: cmd.page,
    presenterId: ctx.actor.id,
  };
  await savePresentation(ctx.db, meeting.id, presentation);
  return { meetingId: meeting.id, changes: [{ type: 'presentation:changed', data: { presentation } }] };
};

export const stopPresentation: CommandHandler<'presenter:stop'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'presentation:run');
  if ((await currentPresentation(ctx.db, meeting.id)) === null) return { meetingId: meeting.id, changes: [] };
  await savePresentation(ctx.db, meeting.id, null);
  return { meetingId: meeting.id, changes: [{ type: 'presentation:changed', data: { presentation: null } }] };
};
