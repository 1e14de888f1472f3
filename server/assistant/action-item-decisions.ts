import { numberAgenda } from '../../shared/domain/index.js';
import {
  MinutesContentSchema,
  type ActionItemSource,
  type MinutesChanged,
  type MinutesTask,
} from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import type { ActionItemDecisionsTable } from '../db/tables/meeting-tables.js';
import { maySee, paperView } from '../documents/document-audience.js';
import { findDocument } from '../documents/document-queries.js';
import { listAgenda } from '../meetings/meeting-queries.js';
import { findMinutesDraft, saveMinutesDraft } from '../minutes/minutes-drafts.js';
import { abandonOpenSigning } from '../minutes/minutes-signing.js';
import { CommandRejected, type CommandContext } from '../sync/command-types.js';
import type { UserRecord } from '../users/user-queries.js';
import { actionsInText, type ActionCandidate } from './action-items.js';
export { taskOf } from './action-item-tasks.js';

/**
 * The stored side of the secretary's decisions on action items: finding the candidate a
 * command names (found again in its source, so nobody confirms a sentence that is not
 * there, nor one of a paper they may not see) and keeping the minutes' draft in step.
 */

export type DecisionRow = ActionItemDecisionsTable;

const NO_SUCH_ITEM = {
  vi: 'Không tìm thấy việc cần làm này (tài liệu hoặc biên bản đã thay đổi?).',
  en: 'This action item was not found (has the paper or the minutes changed?).',
};

export async function findDecision(db: Db, meetingId: string, itemKey: string): Promise<DecisionRow | null> {
  return (
    (await db
      .selectFrom('action_item_decisions')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .where('item_key', '=', itemKey)
      .executeTakeFirst()) ?? null
  );
}

/** Whether the actor may see the paper a decision or a source names (a minutes' item: always, for a secretary). */
export async function maySeeSource(db: Db, meetingId: string, actor: UserRecord, documentId: string | null) {
  if (documentId === null) return true;
  const view = await paperView(db, meetingId, actor);
  const doc = await findDocument(db, documentId);
  return view !== null && doc !== null && maySee(view, doc);
}

/** The candidate `itemKey` at `source`, read again from the paper's page or the draft; NOT_FOUND otherwise. */
export async function findCandidate(
  ctx: CommandContext,
  meetingId: string,
  itemKey: string,
  source: ActionItemSource,
): Promise<{ candidate: ActionCandidate; agendaItemId: string | null }> {
  let text: string | undefined;
  let agendaItemId: string | null = null;
  if (source.kind === 'document') {
    // A paper the secretary may not see answers as one that does not exist.
    if (!(await maySeeSource(ctx.db, meetingId, ctx.actor, source.documentId)))
      throw new CommandRejected('NOT_FOUND', NO_SUCH_ITEM);
    const doc = await findDocument(ctx.db, source.documentId);
    agendaItemId = doc?.agendaItemId ?? null;
    text = (
      await ctx.db
        .selectFrom('document_pages')
        .select('text')
        .where('document_id', '=', source.documentId)
        .where('version', '=', source.version)
        .where('page', '=', source.page)
        .executeTakeFirst()
    )?.text;
  } else {
    const draft = await findMinutesDraft(ctx.db, meetingId);
    const item = draft?.content.agenda.find((i) => i.number === source.agendaNumber);
    text = item?.[source.field];
    agendaItemId =
      numberAgenda(await listAgenda(ctx.db, meetingId)).find((i) => i.number === source.agendaNumber)?.id ?? null;
  }
  const candidate = text === undefined ? undefined : actionsInText(text, source).find((c) => c.key === itemKey);
  if (!candidate) throw new CommandRejected('NOT_FOUND', NO_SUCH_ITEM);
  return { candidate, agendaItemId };
}

/** The agenda number (as the minutes number items) a decision's task goes under, if any. */
async function agendaNumberOf(db: Db, meetingId: string, row: DecisionRow): Promise<string | null> {
  if (row.agenda_number !== null) return row.agenda_number;
  if (row.agenda_item_id === null) return null;
  return numberAgenda(await listAgenda(db, meetingId)).find((i) => i.id === row.agenda_item_id)?.number ?? null;
}

/**
 * Puts a confirmed item's task into the minutes' draft (`task`), or takes it out (null).
 *
 * Why the server writes the draft itself: a confirmed item must reach the minutes whoever
 * has the editor open, and the draft already has one way to change safely under several
 * writers — a new version under the meeting's lock. The task becomes the draft's next
 * version, and the secretaries and the chair get `minutes:changed`, exactly as when another
 * secretary saves: an editor with unsaved changes is refused on its old version
 * (`STALE_EDIT`) and merges (renderer/src/minutes), so nothing typed is overwritten. Without
 * a draft there is nothing to change: the pre-fill reads confirmed items when one is begun.
 */
export async function syncDraftTask(
  ctx: CommandContext,
  meetingId: string,
  row: DecisionRow,
  task: MinutesTask | null,
): Promise<MinutesChanged | undefined> {
  const draft = await findMinutesDraft(ctx.db, meetingId);
  if (!draft) return undefined;
  const number = await agendaNumberOf(ctx.db, meetingId, row);
  const agenda = draft.content.agenda.map((item) => {
    const had = item.tasks ?? [];
    const at = had.findIndex((t) => t.actionItemKey === row.item_key);
    const kept = had.filter((t) => t.actionItemKey !== row.item_key);
    if (task && item.number === number) kept.splice(at >= 0 ? at : kept.length, 0, task);
    return kept.length === had.length && at < 0 ? item : { ...item, tasks: kept };
  });
  if (agenda.every((item, i) => item === draft.content.agenda[i])) return undefined;
  const parsed = MinutesContentSchema.safeParse({ ...draft.content, agenda });
  if (!parsed.success)
    throw new CommandRejected('VALIDATION_FAILED', {
      vi: 'Biên bản sẽ quá dài nếu thêm việc này: hãy rút gọn phần thảo luận.',
      en: 'The minutes would be too long with this task: shorten the discussion.',
    });
  const saved = {
    content: parsed.data,
    version: draft.version + 1,
    updatedAt: ctx.now.toISOString(),
    updatedBy: ctx.actor.id,
  };
  await saveMinutesDraft(ctx.db, meetingId, saved);
  const abandoned = await abandonOpenSigning(ctx.db, meetingId, saved.updatedAt);
  return {
    meetingId,
    version: saved.version,
    updatedAt: saved.updatedAt,
    updatedBy: saved.updatedBy,
    ...(abandoned && { signing: 'abandoned' as const }),
  };
}
