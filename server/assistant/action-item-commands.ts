import type { ActionItemSource, ParsedCommand } from '../../shared/protocol/index.js';
import { requireMeeting } from '../meetings/meeting-access.js';
import { deadlineIso } from './action-items-extract.js';
import {
  CommandRejected,
  type CommandContext,
  type CommandEffect,
  type CommandHandler,
} from '../sync/command-types.js';
import {
  findCandidate,
  findDecision,
  maySeeSource,
  syncDraftTask,
  taskOf,
  type DecisionRow,
} from './action-item-decisions.js';

/**
 * The secretary's decisions on the assistant's action items: minutes work (the gate of
 * `minutes:save`: the meeting's secretaries, and admins), refused on cancelled and archived
 * meetings like the rest of it, audited with the item's key and source, never its text.
 * Nothing enters the meeting's change log: the desk's work on the minutes is not the room's.
 */

type Edits = Pick<ParsedCommand<'action-item:edit'>, 'who' | 'what' | 'when' | 'whenIso'>;

const NOT_DECIDED = {
  vi: 'Việc cần làm này chưa được xác nhận.',
  en: 'This action item has not been confirmed.',
};

function withEdits(row: DecisionRow, edits: Edits): DecisionRow {
  const when = edits.when === undefined ? row.due_text : edits.when === '' ? null : edits.when;
  return {
    ...row,
    who: edits.who ?? row.who,
    what: edits.what ?? row.what,
    due_text: when,
    // A deadline rewritten without its day given: the day its new words name, if any.
    due_iso:
      edits.whenIso !== undefined
        ? edits.whenIso
        : when !== row.due_text
          ? when
            ? deadlineIso(when)
            : null
          : row.due_iso,
  };
}

function sourceAudit(row: DecisionRow) {
  return row.source_kind === 'document'
    ? { documentId: row.document_id, version: row.version, page: row.page }
    : { agendaNumber: row.agenda_number };
}

async function effect(
  ctx: CommandContext,
  row: DecisionRow,
  confirmed: boolean,
  undone = false,
): Promise<CommandEffect> {
  const minutesNotice = await syncDraftTask(ctx, row.meeting_id, row, confirmed ? taskOf(row) : null);
  return {
    meetingId: row.meeting_id,
    changes: [],
    audit: { itemKey: row.item_key, status: undone ? 'undone' : row.status, ...sourceAudit(row) },
    ...(minutesNotice && { minutesNotice }),
  };
}

async function write(ctx: CommandContext, row: DecisionRow): Promise<void> {
  const { meeting_id: _meeting, item_key: _key, ...rest } = row;
  await ctx.db
    .insertInto('action_item_decisions')
    .values(row)
    .onConflict((oc) => oc.columns(['meeting_id', 'item_key']).doUpdateSet(rest))
    .execute();
}

/** A new decision on a candidate, or the decision already taken on it (its source need not still hold it). */
async function decisionFor(
  ctx: CommandContext,
  meetingId: string,
  itemKey: string,
  source: ActionItemSource,
  status: DecisionRow['status'],
): Promise<DecisionRow> {
  const before = await findDecision(ctx.db, meetingId, itemKey);
  const decided = { status, decided_by: ctx.actor.id, decided_at: ctx.now.toISOString() };
  if (before) {
    if (!(await maySeeSource(ctx.db, meetingId, ctx.actor, before.document_id))) throw new CommandRejected('NOT_FOUND');
    return { ...before, ...decided };
  }
  const { candidate, agendaItemId } = await findCandidate(ctx, meetingId, itemKey, source);
  return {
    meeting_id: meetingId,
    item_key: itemKey,
    source_kind: source.kind,
    document_id: source.kind === 'document' ? source.documentId : null,
    version: source.kind === 'document' ? source.version : null,
    page: source.kind === 'document' ? source.page : null,
    agenda_number: source.kind === 'minutes' ? source.agendaNumber : null,
    minutes_field: source.kind === 'minutes' ? source.field : null,
    agenda_item_id: agendaItemId,
    sentence: candidate.sentence,
    who: candidate.who,
    what: candidate.what,
    due_text: candidate.when,
    due_iso: candidate.whenIso,
    ...decided,
  };
}

export const confirmActionItem: CommandHandler<'action-item:confirm'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'minutes:edit');
  const row = withEdits(await decisionFor(ctx, meeting.id, cmd.itemKey, cmd.source, 'confirmed'), cmd);
  await write(ctx, row);
  return effect(ctx, row, true);
};

export const editActionItem: CommandHandler<'action-item:edit'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'minutes:edit');
  const before = await findDecision(ctx.db, meeting.id, cmd.itemKey);
  if (!before || !(await maySeeSource(ctx.db, meeting.id, ctx.actor, before.document_id)))
    throw new CommandRejected('NOT_FOUND', NOT_DECIDED);
  if (before.status !== 'confirmed') throw new CommandRejected('CONFLICT', NOT_DECIDED);
  const row = withEdits({ ...before, decided_by: ctx.actor.id, decided_at: ctx.now.toISOString() }, cmd);
  await write(ctx, row);
  return effect(ctx, row, true);
};

export const dropActionItem: CommandHandler<'action-item:drop'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'minutes:edit');
  const row = await decisionFor(ctx, meeting.id, cmd.itemKey, cmd.source, 'dropped');
  await write(ctx, row);
  return effect(ctx, row, false);
};

export const undoActionItem: CommandHandler<'action-item:undo'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'minutes:edit');
  const before = await findDecision(ctx.db, meeting.id, cmd.itemKey);
  if (!before || !(await maySeeSource(ctx.db, meeting.id, ctx.actor, before.document_id)))
    throw new CommandRejected('NOT_FOUND');
  await ctx.db
    .deleteFrom('action_item_decisions')
    .where('meeting_id', '=', meeting.id)
    .where('item_key', '=', cmd.itemKey)
    .execute();
  return effect(ctx, before, false, true);
};
