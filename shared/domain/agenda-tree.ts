import type { AgendaItem } from '../protocol/index.js';

/**
 * Pure agenda edits. Each returns the items whose state changed (to store and to send as
 * one change), so that the server stays the only place that decides positions, and the
 * client reducer only upserts.
 */
export interface AgendaEdit {
  upserted: AgendaItem[];
  removed: string[];
}

/** How deep the agenda may nest: items (1) and sub-items (1.1). */
export const MAX_AGENDA_DEPTH = 2;

export class AgendaRuleError extends Error {
  constructor(
    readonly rule: 'parent-missing' | 'item-missing' | 'too-deep' | 'cycle' | 'id-taken',
    message: string,
  ) {
    super(message);
  }
}

function siblingsOf(items: readonly AgendaItem[], parentId: string | null, exceptId?: string) {
  return items
    .filter((i) => i.parentId === parentId && i.id !== exceptId)
    .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
}

function depthOf(items: readonly AgendaItem[], id: string | null): number {
  let depth = 0;
  let current = id;
  const byId = new Map(items.map((i) => [i.id, i]));
  while (current !== null) {
    depth += 1;
    current = byId.get(current)?.parentId ?? null;
    if (depth > items.length) break;
  }
  return depth;
}

function subtreeHeight(items: readonly AgendaItem[], id: string): number {
  const kids = items.filter((i) => i.parentId === id);
  return 1 + Math.max(0, ...kids.map((k) => subtreeHeight(items, k.id)));
}

/** Re-numbers positions densely and reports the items whose position moved. */
function placeAt(list: AgendaItem[], item: AgendaItem, index: number | undefined): AgendaItem[] {
  const at = index === undefined ? list.length : Math.min(index, list.length);
  const ordered = [...list.slice(0, at), item, ...list.slice(at)];
  return ordered.map((it, position) => ({ ...it, position }));
}

function changedOnly(before: readonly AgendaItem[], after: AgendaItem[]): AgendaItem[] {
  const old = new Map(before.map((i) => [i.id, i]));
  return after.filter((i) => {
    const prev = old.get(i.id);
    return !prev || prev.position !== i.position || prev.parentId !== i.parentId;
  });
}

export function addAgendaItem(
  items: readonly AgendaItem[],
  item: Omit<AgendaItem, 'position'>,
  index?: number,
): AgendaEdit {
  if (items.some((i) => i.id === item.id)) throw new AgendaRuleError('id-taken', 'Item id already exists');
  if (item.parentId !== null && !items.some((i) => i.id === item.parentId)) {
    throw new AgendaRuleError('parent-missing', 'Parent item does not exist');
  }
  if (depthOf(items, item.parentId) + 1 > MAX_AGENDA_DEPTH) {
    throw new AgendaRuleError('too-deep', `Agenda nests at most ${MAX_AGENDA_DEPTH} levels`);
  }
  const placed = placeAt(siblingsOf(items, item.parentId), { ...item, position: 0 }, index);
  return { upserted: changedOnly(items, placed), removed: [] };
}

export function moveAgendaItem(
  items: readonly AgendaItem[],
  itemId: string,
  parentId: string | null,
  index: number,
): AgendaEdit {
  const item = items.find((i) => i.id === itemId);
  if (!item) throw new AgendaRuleError('item-missing', 'Item does not exist');
  if (parentId !== null) {
    if (!items.some((i) => i.id === parentId))
      throw new AgendaRuleError('parent-missing', 'Parent item does not exist');
    let cursor: string | null = parentId;
    const byId = new Map(items.map((i) => [i.id, i]));
    while (cursor !== null) {
      if (cursor === itemId) throw new AgendaRuleError('cycle', 'An item cannot move under itself');
      cursor = byId.get(cursor)?.parentId ?? null;
    }
  }
  if (depthOf(items, parentId) + subtreeHeight(items, itemId) > MAX_AGENDA_DEPTH) {
    throw new AgendaRuleError('too-deep', `Agenda nests at most ${MAX_AGENDA_DEPTH} levels`);
  }
  const moved = { ...item, parentId };
  const newSiblings = placeAt(siblingsOf(items, parentId, itemId), moved, index);
  const oldSiblings =
    item.parentId === parentId
      ? []
      : siblingsOf(items, item.parentId, itemId).map((it, position) => ({ ...it, position }));
  return { upserted: changedOnly(items, [...oldSiblings, ...newSiblings]), removed: [] };
}

/** Removes the item with its sub-items, and closes the gap among its siblings. */
export function removeAgendaItem(items: readonly AgendaItem[], itemId: string): AgendaEdit {
  const item = items.find((i) => i.id === itemId);
  if (!item) throw new AgendaRuleError('item-missing', 'Item does not exist');
  const removed = new Set<string>([itemId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const i of items) {
      if (i.parentId !== null && removed.has(i.parentId) && !removed.has(i.id)) {
        removed.add(i.id);
        grew = true;
      }
    }
  }
  const rest = siblingsOf(items, item.parentId, itemId).map((it, position) => ({ ...it, position }));
  return { upserted: changedOnly(items, rest), removed: [...removed] };
}

/** Applies an edit to a list: the one reducer both server and clients use. */
export function applyAgendaEdit(items: readonly AgendaItem[], edit: AgendaEdit): AgendaItem[] {
  const removed = new Set(edit.removed);
  const byId = new Map(items.filter((i) => !removed.has(i.id)).map((i) => [i.id, i]));
  for (const item of edit.upserted) byId.set(item.id, item);
  return [...byId.values()];
}
