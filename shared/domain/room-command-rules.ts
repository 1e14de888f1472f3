import type { CommandName } from '../protocol/index.js';
import type { AccessRule } from './access-gates.js';

const SESSION_RUNNER_RULE =
  'The chair of a published meeting (an admin too); not the secretary or delegates (`FORBIDDEN`).';

/**
 * The rules of the commands of the meeting room: the papers after the close, what is
 * presented, the session and its clock, the speakers. Spread into `COMMAND_RULES`
 * (command-rules.ts) in this order, which the protocol reference keeps.
 */
export const ROOM_COMMAND_RULES = {
  'documents:recall': {
    gate: 'documents:manage',
    conditions: [
      'Only after `meeting:close` (`MEETING_NOT_CLOSED`); once (`DOCUMENTS_RECALLED` after that).',
      "Every participant's devices delete the meeting's papers; only secretaries and admins still list and read them.",
    ],
  },
  'document:update': {
    gate: 'documents:manage',
    conditions: [
      'The document must belong to the meeting (`NOT_FOUND`); an `agendaItemId` must be an item of it (`NOT_FOUND`).',
      'A new `visibleTo` takes effect at once: users who lose access get `document:changed` with `removed` (reason `access`) and their devices delete the copy.',
      'A document being presented cannot become restricted (`RESTRICTED_DOCUMENT`).',
    ],
  },
  'document:remove': {
    gate: 'documents:manage',
    conditions: [
      'The document must belong to the meeting (`NOT_FOUND`). Every version goes; devices delete their copies.',
    ],
  },
  'presenter:show': {
    gate: 'presentation:run',
    conditions: [
      'The chair or a secretary, in a published meeting (`FORBIDDEN` otherwise).',
      'A document of the meeting every participant may see (`RESTRICTED_DOCUMENT` for a restricted one), and a page it has (`VALIDATION_FAILED`).',
    ],
  },
  'presenter:stop': { gate: 'presentation:run', conditions: ['The chair or a secretary, in a published meeting.'] },
  'session:start': {
    gate: 'session:run',
    conditions: [
      SESSION_RUNNER_RULE,
      'Once (`CONFLICT` after that). The room goes to `itemId` (an item of the meeting, `NOT_FOUND` otherwise) or to the first item; its clock starts.',
    ],
  },
  'session:pause': {
    gate: 'session:run',
    conditions: [SESSION_RUNNER_RULE, 'A running session (`CONFLICT` otherwise). Every item clock stops.'],
  },
  'session:resume': {
    gate: 'session:run',
    conditions: [SESSION_RUNNER_RULE, 'A paused session (`CONFLICT` otherwise). The current item clock runs again.'],
  },
  'agenda:set-current': {
    gate: 'session:run',
    conditions: [
      SESSION_RUNNER_RULE,
      'After `session:start` (`CONFLICT` before); an item of the meeting (`NOT_FOUND`). The clock of the item left stops; the new one counts on from its own time so far.',
    ],
  },
  'speaker:request': {
    gate: 'speaker:request',
    conditions: [
      'The chair or a delegate of a published meeting, in their own name; not secretaries, observers or an admin who is no participant (`FORBIDDEN`).',
      'One live request per person: while one waits or has the floor, another is refused (`ALREADY_IN_QUEUE`). A `requestId` already used answers `CONFLICT`.',
      'An ordinary request goes to the end of the queue; a point of order after the points of order already waiting, ahead of every ordinary one. 20 requests per person in 10 minutes (`CONFLICT` past it).',
    ],
  },
  'speaker:withdraw': {
    gate: 'speaker:request',
    conditions: [
      "The sender's own request (`NOT_FOUND` for another's), while it waits (`CONFLICT` once given the floor or ended).",
    ],
  },
  'speaker:give-floor': {
    gate: 'session:run',
    conditions: [
      SESSION_RUNNER_RULE,
      'A waiting request of the meeting (`NOT_FOUND`, `CONFLICT` if not waiting). Whoever had the floor is done; the speech is on the current item, timed from now, `limitSeconds` 10–3600 or null.',
    ],
  },
  'speaker:end': {
    gate: 'session:run',
    conditions: [SESSION_RUNNER_RULE, 'Ends the current speech; with nobody speaking it changes nothing.'],
  },
  'speaker:set-time': {
    gate: 'session:run',
    conditions: [
      SESSION_RUNNER_RULE,
      'Someone must have the floor (`CONFLICT`). The time counts from the start of the speech.',
    ],
  },
  'speaker:move': {
    gate: 'session:run',
    conditions: [
      SESSION_RUNNER_RULE,
      'A waiting request (`NOT_FOUND`/`CONFLICT`); an `index` past the end puts it last.',
    ],
  },
  'speaker:remove': {
    gate: 'session:run',
    conditions: [SESSION_RUNNER_RULE, 'A waiting request (`NOT_FOUND`/`CONFLICT`); it stays on record as removed.'],
  },
} satisfies { readonly [N in CommandName]?: AccessRule };
