import { MAX_AGENDA_DEPTH, type NumberedAgendaItem } from '../../../shared/domain/index.js';

/** Where an item goes: the payload of `agenda:move-item` without the ids around it. */
export interface AgendaMove {
  parentId: string | null;
  index: number;
}

export interface ItemMoves {
  up: AgendaMove | null;
  down: AgendaMove | null;
  indent: AgendaMove | null;
  outdent: AgendaMove | null;
}

function siblings(items: readonly NumberedAgendaItem[], parentId: string | null) {
  return items.filter((i) => i.parentId === parentId);
}

function hasChildren(items: readonly NumberedAgendaItem[], id: string) {
  return items.some((i) => i.parentId === id);
}

/**
 * The moves the buttons beside an item offer; null where a move is impossible. `items` is
 * the numbered (depth-first) agenda. Indices count siblings without the moved item, as the
 * server's `agenda:move-item` does.
 */
export function itemMoves(items: readonly NumberedAgendaItem[], itemId: string): ItemMoves {
  const item = items.find((i) => i.id === itemId);
  if (!item) return { up: null, down: null, indent: null, outdent: null };
  const sibs = siblings(items, item.parentId);
  const at = sibs.findIndex((s) => s.id === itemId);
  const previous = at > 0 ? sibs[at - 1] : undefined;
  const parent = item.parentId === null ? undefined : items.find((i) => i.id === item.parentId);
  const canNest = item.depth + 1 < MAX_AGENDA_DEPTH && !hasChildren(items, itemId);
  return {
    up: at > 0 ? { parentId: item.parentId, index: at - 1 } : null,
    down: at < sibs.length - 1 ? { parentId: item.parentId, index: at + 1 } : null,
    indent: previous && canNest ? { parentId: previous.id, index: siblings(items, previous.id).length } : null,
    outdent: parent
      ? {
          parentId: parent.parentId,
          index: siblings(items, parent.parentId).findIndex((s) => s.id === parent.id) + 1,
        }
      : null,
  };
}

/** Every item below `itemId` in the tree: they travel with it when it is dragged. */
export function descendantIds(items: readonly NumberedAgendaItem[], itemId: string): Set<string> {
  const out = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const i of items) {
      if (i.parentId !== null && (i.parentId === itemId || out.has(i.parentId)) && !out.has(i.id)) {
        out.add(i.id);
        grew = true;
      }
    }
  }
  return out;
}

function subtreeHeight(items: readonly NumberedAgendaItem[], itemId: string): number {
  const kids = items.filter((i) => i.parentId === itemId);
  return 1 + Math.max(0, ...kids.map((k) => subtreeHeight(items, k.id)));
}

export interface DropProjection extends AgendaMove {
  /** The depth the dragged item would take, for drawing it indented while dragging. */
  depth: number;
}

/**
 * Where a dragged item lands in the flattened agenda: the row it is dropped on gives the
 * order, and the horizontal drag distance (in indentation steps) picks the level, kept
 * within what the neighbours and the maximum depth allow.
 */
export function projectDrop(
  items: readonly NumberedAgendaItem[],
  activeId: string,
  overId: string,
  depthDelta: number,
): DropProjection | null {
  const hidden = descendantIds(items, activeId);
  const list = items.filter((i) => !hidden.has(i.id));
  const from = list.findIndex((i) => i.id === activeId);
  const to = list.findIndex((i) => i.id === overId);
  const active = list[from];
  if (!active || to < 0) return null;
  const reordered = [...list];
  reordered.splice(from, 1);
  reordered.splice(to, 0, active);
  const previous = reordered[to - 1];
  const next = reordered[to + 1];
  const deepest = MAX_AGENDA_DEPTH - subtreeHeight(items, activeId);
  const maxDepth = Math.min(previous ? previous.depth + 1 : 0, deepest);
  const minDepth = next ? Math.min(next.depth, maxDepth) : 0;
  const depth = Math.max(minDepth, Math.min(maxDepth, active.depth + depthDelta));
  let parentId: string | null = null;
  if (depth > 0) {
    // The nearest row above at one level less is the new parent.
    for (let i = to - 1; i >= 0; i -= 1) {
      const row = reordered[i];
      if (row && row.depth === depth - 1) {
        parentId = row.id;
        break;
      }
      if (row && row.depth < depth - 1) break;
    }
    if (parentId === null) return null;
  }
  const index = reordered.slice(0, to).filter((i) => i.parentId === parentId && i.id !== activeId).length;
  return { parentId, index, depth };
}

/** True when a projected drop would leave the item where it is. */
export function isSamePlace(items: readonly NumberedAgendaItem[], itemId: string, move: AgendaMove): boolean {
  const item = items.find((i) => i.id === itemId);
  if (!item || item.parentId !== move.parentId) return false;
  return siblings(items, item.parentId).findIndex((s) => s.id === itemId) === move.index;
}
