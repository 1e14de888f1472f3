import type { CommandName } from '../../../shared/protocol/index.js';

/** Command names hold a colon, which i18next reads as a namespace: map them to keys. */
export const COMMAND_LABEL_KEYS = {
  'meeting:create': 'command.meetingCreate',
  'meeting:update': 'command.meetingUpdate',
  'meeting:publish': 'command.meetingPublish',
  'meeting:close': 'command.meetingClose',
  'documents:recall': 'command.documentsRecall',
  'document:update': 'command.documentUpdate',
  'document:remove': 'command.documentRemove',
  'presenter:show': 'command.presenterShow',
  'presenter:stop': 'command.presenterStop',
  'agenda:add-item': 'command.agendaAddItem',
  'agenda:update-item': 'command.agendaUpdateItem',
  'agenda:move-item': 'command.agendaMoveItem',
  'agenda:remove-item': 'command.agendaRemoveItem',
  'participant:set': 'command.participantSet',
  'participant:remove': 'command.participantRemove',
  'attendance:check-in': 'command.attendanceCheckIn',
  'attendance:check-out': 'command.attendanceCheckOut',
  'vote:create': 'command.voteCreate',
  'vote:open': 'command.voteOpen',
  'vote:close': 'command.voteClose',
  'vote:publish': 'command.votePublish',
  'vote:update': 'command.voteUpdate',
  'vote:cancel': 'command.voteCancel',
  'vote:cast': 'command.voteCast',
} as const satisfies Record<CommandName, `command.${string}`>;
