import { applyAgendaEdit } from '../domain/agenda-tree.js';
import type { Change } from '../protocol/index.js';
import type { MeetingState } from './store.js';

/**
 * The client's reducer: the state after one change. Pure, so the desktop cache, the
 * browser tab and tests all agree on what a change means.
 */
export function applyChange(state: MeetingState, change: Change): MeetingState {
  const next: MeetingState = { ...state, seq: change.seq };
  switch (change.type) {
    case 'meeting:created':
    case 'meeting:updated':
    case 'meeting:published':
      return { ...next, meeting: change.data.meeting };
    case 'agenda:item-added':
    case 'agenda:item-updated':
    case 'agenda:item-moved':
    case 'agenda:item-removed':
      return { ...next, agenda: applyAgendaEdit(state.agenda, change.data) };
    case 'participant:set': {
      const p = change.data.participant;
      const others = state.participants.filter((x) => x.userId !== p.userId);
      return { ...next, participants: [...others, p] };
    }
    case 'participant:removed':
      return { ...next, participants: state.participants.filter((x) => x.userId !== change.data.userId) };
  }
}
