import type { AgendaItem } from '../protocol/index.js';

export interface NumberedAgendaItem extends AgendaItem {
  /** "1", "1.1", "2" … derived from the tree, never stored. */
  number: string;
  depth: number;
}

/**
 * The agenda as a reader sees it: depth-first, siblings by position, each item numbered
 * from its place in the tree. Items whose parent is missing are shown at the top level
 * rather than hidden, so a half-synced agenda never loses an item from view.
 */
export function numberAgenda(items: readonly AgendaItem[]): NumberedAgendaItem[] {
  const ids = new Set(items.map((i) => i.id));
  const children = new Map<string | null, AgendaItem[]>();
  for (const item of items) {
    const parent = item.parentId !== null && ids.has(item.parentId) ? item.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(item);
    children.set(parent, list);
  }
  const out: NumberedAgendaItem[] = [];
  const walk = (parent: string | null, prefix: string, depth: number, seen: Set<string>) => {
    const siblings = (children.get(parent) ?? []).slice().sort(bySiblingOrder);
    siblings.forEach((item, i) => {
      if (seen.has(item.id)) return;
      seen.add(item.id);
      const number = prefix ? `${prefix}.${i + 1}` : String(i + 1);
      out.push({ ...item, number, depth });
      walk(item.id, number, depth + 1, seen);
    });
  };
  walk(null, '', 0, new Set());
  return out;
}

function bySiblingOrder(a: AgendaItem, b: AgendaItem): number {
  return a.position - b.position || a.id.localeCompare(b.id);
}

/** Total planned minutes of the items given (sub-items are counted in their own right). */
export function plannedMinutes(items: readonly AgendaItem[]): number {
  return items.reduce((sum, item) => sum + item.plannedMinutes, 0);
}
