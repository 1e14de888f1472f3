import type { AgendaItem, Vote } from '../../../shared/protocol/index.js';

/** What deleting an agenda item takes along: its sub-items, and the votes held on any of them. */
export interface DeleteImpact {
  subItems: number;
  votes: number;
}

/**
 * The sub-items (at any depth) go with the item; the votes on them stay in the meeting, on no
 * item, so the secretary is told how many. A cancelled vote is not counted.
 */
export function deleteImpact(itemId: string, agenda: readonly AgendaItem[], votes: readonly Vote[]): DeleteImpact {
  const removed = new Set([itemId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const item of agenda) {
      if (item.parentId !== null && removed.has(item.parentId) && !removed.has(item.id)) {
        removed.add(item.id);
        grew = true;
      }
    }
  }
  return {
    subItems: removed.size - 1,
    votes: votes.filter((v) => v.status !== 'cancelled' && v.agendaItemId !== null && removed.has(v.agendaItemId))
      .length,
  };
}
