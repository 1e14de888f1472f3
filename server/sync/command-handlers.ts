import { addItem, moveItem, removeItem, updateItem } from '../agenda/agenda-commands.js';
import { recallDocuments, removeDocument, updateDocument } from '../documents/document-commands.js';
import { showPresentation, stopPresentation } from '../documents/presentation-commands.js';
import { closeMeeting, createMeeting, publishMeeting, updateMeeting } from '../meetings/meeting-commands.js';
import { removeParticipant, setParticipant } from '../meetings/participant-commands.js';
import { addGroupParticipants } from '../meetings/group-participants.js';
import { checkIn, checkOut } from '../attendance/attendance-commands.js';
import { castBallot } from '../votes/ballot-commands.js';
import { cancelVote, closeVote, createVote, openVote, publishVote, updateVote } from '../votes/vote-commands.js';
import type { CommandHandlers } from './command-types.js';
import { saveMinutes } from '../minutes/minutes-commands.js';
import {
  confirmActionItem,
  dropActionItem,
  editActionItem,
  undoActionItem,
} from '../assistant/action-item-commands.js';
import { finalizeMinutes, signMinutes } from '../minutes/minutes-signing.js';
import {
  pauseMeetingSession,
  resumeMeetingSession,
  setCurrentItem,
  startMeetingSession,
} from '../session/session-commands.js';
import {
  endSpeech,
  giveFloor,
  moveRequest,
  removeRequest,
  requestToSpeak,
  setSpeakingTime,
  withdrawFloorRequest,
} from '../session/speaker-commands.js';
import { approveDocument } from '../certificates/approval-commands.js';
import {
  deleteAnnotation,
  saveAnnotation,
  shareAnnotation,
  withdrawAnnotation,
} from '../annotations/annotation-commands.js';
import { answerRequest, sendNotice, sendRequest, withdrawRequest } from '../messages/message-commands.js';
import { archiveMeeting, cancelMeeting, postponeMeeting } from '../meetings/lifecycle-commands.js';
import { copyMeeting } from '../meetings/copy-meeting.js';
import { recordDocumentOpened } from '../documents/opened-command.js';
import { replyToInvitation } from '../invitations/invitation-commands.js';

/** Every command name maps to its handler; the type makes a missing one a compile error. */
export const COMMAND_HANDLERS: CommandHandlers = {
  'meeting:create': createMeeting,
  'meeting:update': updateMeeting,
  'meeting:publish': publishMeeting,
  'meeting:close': closeMeeting,
  'documents:recall': recallDocuments,
  'document:update': updateDocument,
  'document:remove': removeDocument,
  'presenter:show': showPresentation,
  'presenter:stop': stopPresentation,
  'session:start': startMeetingSession,
  'session:pause': pauseMeetingSession,
  'session:resume': resumeMeetingSession,
  'agenda:set-current': setCurrentItem,
  'speaker:request': requestToSpeak,
  'speaker:withdraw': withdrawFloorRequest,
  'speaker:give-floor': giveFloor,
  'speaker:end': endSpeech,
  'speaker:set-time': setSpeakingTime,
  'speaker:move': moveRequest,
  'speaker:remove': removeRequest,
  'minutes:save': saveMinutes,
  'minutes:finalize': finalizeMinutes,
  'minutes:sign': signMinutes,
  'action-item:confirm': confirmActionItem,
  'action-item:edit': editActionItem,
  'action-item:drop': dropActionItem,
  'action-item:undo': undoActionItem,
  'document:approve': approveDocument,
  'agenda:add-item': addItem,
  'agenda:update-item': updateItem,
  'agenda:move-item': moveItem,
  'agenda:remove-item': removeItem,
  'participant:set': setParticipant,
  'participant:remove': removeParticipant,
  'participants:add-group': addGroupParticipants,
  'attendance:check-in': checkIn,
  'attendance:check-out': checkOut,
  'vote:create': createVote,
  'vote:update': updateVote,
  'vote:open': openVote,
  'vote:close': closeVote,
  'vote:publish': publishVote,
  'vote:cancel': cancelVote,
  'vote:cast': castBallot,
  'annotation:save': saveAnnotation,
  'annotation:delete': deleteAnnotation,
  'annotation:share': shareAnnotation,
  'annotation:withdraw': withdrawAnnotation,
  'document:opened': recordDocumentOpened,
  'message:request': sendRequest,
  'message:answer': answerRequest,
  'message:withdraw': withdrawRequest,
  'message:notice': sendNotice,
  'meeting:cancel': cancelMeeting,
  'meeting:postpone': postponeMeeting,
  'meeting:archive': archiveMeeting,
  'meeting:copy': copyMeeting,
  'invitation:reply': replyToInvitation,
};
