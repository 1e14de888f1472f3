import { audienceOf } from '../documents/document-audience.js';
import type { DocumentNotice } from '../documents/document-notices.js';
import { detachFromItems, findDocument } from '../documents/document-queries.js';
import {
  AgendaRuleError,
  addAgendaItem,
  dropItems,
  moveAgendaItem,
  removeAgendaItem,
  type AgendaEdit,
} from '../../shared/domain/index.js';
import type { AgendaItem } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import { requireMeeting } from '../meetings/meeting-access.js';
import { AgendaItemIdTaken, findMeeting, listAgenda, saveAgendaItems } from '../meetings/meeting-queries.js';
import { CommandRejected, type CommandHandler } from '../sync/command-types.js';
import type { PendingChange } from '../sync/change-log.js';
import { readSession, saveSession } from '../session/session-queries.js';

const RULE_MESSAGES: Record<AgendaRuleError['rule'], { vi: string; en: string } | null> = {
  'parent-missing': null,
  'item-missing': null,
  'too-deep': {
    vi: 'Chương trình chỉ có tối đa hai cấp (1 và 1.1).',
    en: 'The agenda has at most two levels (1 and 1.1).',
  },
  cycle: { vi: 'Không thể chuyển mục vào bên trong chính nó.', en: 'An item cannot move inside itself.' },
  'id-taken': { vi: 'Mã mục đã tồn tại.', en: 'This item id already exists.' },
};

/** Runs a pure agenda edit and stores its result; rule breaks become clear errors. */
async function editAgenda(db: Db, meetingId: string, edit: (items: AgendaItem[]) => AgendaEdit): Promise<AgendaEdit> {
  const items = await listAgenda(db, meetingId);
  let result: AgendaEdit;
  try {
    result = edit(items);
  } catch (error) {
    if (!(error instanceof AgendaRuleError)) throw error;
    const message = RULE_MESSAGES[error.rule];
    throw message ? new CommandRejected('CONFLICT', message) : new CommandRejected('NOT_FOUND');
  }
  try {
    await saveAgendaItems(db, result.upserted, result.removed);
  } catch (error) {
    // The check in addItem can miss an item another meeting adds at this very moment.
    if (error instanceof AgendaItemIdTaken)
      throw new CommandRejected('CONFLICT', RULE_MESSAGES['id-taken'] ?? undefined);
    throw error;
  }
  return result;
}

export const addItem: CommandHandler<'agenda:add-item'> = async (ctx, cmd) => {
  await requireMeeting(ctx, cmd.meetingId, 'agenda:edit');
  // Item ids are global: one taken by another meeting's item is refused, not moved over.
  if (await ctx.db.selectFrom('agenda_items').select('id').where('id', '=', cmd.itemId).executeTakeFirst()) {
    throw new CommandRejected('CONFLICT', RULE_MESSAGES['id-taken'] ?? undefined);
  }
  const data = await editAgenda(ctx.db, cmd.meetingId, (items) =>
    addAgendaItem(
      items,
      {
        id: cmd.itemId,
        meetingId: cmd.meetingId,
        parentId: cmd.parentId,
        title: cmd.title,
        presenter: cmd.presenter,
        plannedMinutes: cmd.plannedMinutes,
        version: 0,
      },
      cmd.index,
    ),
  );
  return { meetingId: cmd.meetingId, changes: [{ type: 'agenda:item-added', data }] };
};

export const updateItem: CommandHandler<'agenda:update-item'> = async (ctx, cmd) => {
  await requireMeeting(ctx, cmd.meetingId, 'agenda:edit');
  const data = await editAgenda(ctx.db, cmd.meetingId, (items) => {
    const item = items.find((i) => i.id === cmd.itemId);
    if (!item) throw new AgendaRuleError('item-missing', 'Item does not exist');
    // Two devices editing one item: the second save, made on the old text, must not win silently.
    if (item.version !== cmd.baseVersion) throw new CommandRejected('STALE_EDIT');
    return {
      upserted: [
        {
          ...item,
          title: cmd.title ?? item.title,
          presenter: cmd.presenter ?? item.presenter,
          plannedMinutes: cmd.plannedMinutes ?? item.plannedMinutes,
          version: item.version + 1,
        },
      ],
      removed: [],
    };
  });
  return { meetingId: cmd.meetingId, changes: [{ type: 'agenda:item-updated', data }] };
};

export const moveItem: CommandHandler<'agenda:move-item'> = async (ctx, cmd) => {
  await requireMeeting(ctx, cmd.meetingId, 'agenda:edit');
  const data = await editAgenda(ctx.db, cmd.meetingId, (items) =>
    moveAgendaItem(items, cmd.itemId, cmd.parentId, cmd.index),
  );
  return { meetingId: cmd.meetingId, changes: [{ type: 'agenda:item-moved', data }] };
};

export const removeItem: CommandHandler<'agenda:remove-item'> = async (ctx, cmd) => {
  await requireMeeting(ctx, cmd.meetingId, 'agenda:edit');
  // Removing what someone has just rewritten would throw their text away unseen.
  const item = (await listAgenda(ctx.db, cmd.meetingId)).find((i) => i.id === cmd.itemId);
  if (item && item.version !== cmd.baseVersion) throw new CommandRejected('STALE_EDIT');
  const data = await editAgenda(ctx.db, cmd.meetingId, (items) => removeAgendaItem(items, cmd.itemId));
  // Papers of a removed item stay in the meeting, on no item; their audience is unchanged.
  const meeting = await findMeeting(ctx.db, cmd.meetingId);
  const documentNotices: DocumentNotice[] = [];
  for (const documentId of await detachFromItems(ctx.db, cmd.meetingId, data.removed)) {
    const doc = await findDocument(ctx.db, documentId);
    if (meeting && doc)
      documentNotices.push({
        meetingId: cmd.meetingId,
        documentId,
        before: await audienceOf(ctx.db, meeting, doc.visibleTo),
        reason: 'access',
      });
  }
  const changes: PendingChange[] = [{ type: 'agenda:item-removed', data }];
  // The room cannot stay on an item that is gone, nor keep clocks for it.
  const session = await readSession(ctx.db, cmd.meetingId);
  if (data.removed.some((id) => id === session.currentItemId || id in session.itemSeconds)) {
    const next = dropItems(session, data.removed, ctx.now);
    await saveSession(ctx.db, cmd.meetingId, next);
    changes.push({ type: 'session:changed', data: { session: next } });
  }
  return { meetingId: cmd.meetingId, changes, documentNotices };
};
