import type { MinutesTask } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';

/** A decision's task as the minutes hold it. */
export function taskOf(row: { who: string; what: string; due_text: string | null; item_key: string }): MinutesTask {
  return { who: row.who, what: row.what, deadline: row.due_text ?? '', actionItemKey: row.item_key };
}

/**
 * The confirmed action items of a meeting as the minutes' tasks, by agenda number: an item
 * of the minutes by its number, one of a paper by its paper's agenda item. A paper on no
 * item has no place in the minutes' items: the secretary adds it by hand if it belongs.
 */
export async function confirmedTasks(
  db: Db,
  meetingId: string,
  agenda: ReadonlyArray<{ id: string; number: string }>,
): Promise<Map<string, MinutesTask[]>> {
  const rows = await db
    .selectFrom('action_item_decisions')
    .select(['item_key', 'agenda_number', 'agenda_item_id', 'who', 'what', 'due_text'])
    .where('meeting_id', '=', meetingId)
    .where('status', '=', 'confirmed')
    .orderBy('decided_at')
    .orderBy('item_key')
    .execute();
  const numberOf = new Map(agenda.map((i) => [i.id, i.number]));
  const out = new Map<string, MinutesTask[]>();
  for (const r of rows) {
    const number = r.agenda_number ?? (r.agenda_item_id !== null ? numberOf.get(r.agenda_item_id) : undefined);
    if (number === undefined) continue;
    const list = out.get(number) ?? [];
    list.push(taskOf(r));
    out.set(number, list);
  }
  return out;
}
